@testable import BrokleCore
import Foundation
import Testing

@Suite struct PerUserLimitRulesTests {
    static let key = KeyContext(
        keyID: "k1", publicID: "p1", organizationID: "o", orgSlug: "acme", projectID: "p", projectSlug: "web",
        environmentID: "e", environmentSlug: "production", allowedModels: nil, expiresAt: nil
    )

    @Test func eachNamedEndUserGetsCountersOfItsOwnAndAnonymousRequestsNone() {
        var rules = LimitRules(plans: [:])
        rules.rates[LimitScope(.endUser, "e")] = RateLimits(rpm: 20)
        rules.budgets[LimitScope(.endUser, "e")] = [.day: 1_000]
        rules.rates[LimitScope(.environment, "e")] = RateLimits(rpm: 600)
        let now = Date()
        let alice = rules.needs(key: Self.key, endUser: "alice", plan: .free, at: now) { (10, 5) }
        let bob = rules.needs(key: Self.key, endUser: "bob", plan: .free, at: now) { (10, 5) }
        let nobody = rules.needs(key: Self.key, plan: .free, at: now) { (10, 5) }
        #expect(alice.count == 3 && bob.count == 3 && nobody.count == 1)
        #expect(alice[0].limit == 20 && alice[0].counter.kind == .rpm && alice[1].counter.kind == .usd && alice[1].limit == 1_000)
        // One environment-wide counter shared by all, one per end user beside it.
        #expect(alice[2].counter.name == nobody[0].counter.name && alice[2].counter.name == "environment:e:rpm")
        #expect(alice[0].counter.name != bob[0].counter.name)
        // The user's id is hashed into the counter's name: no personal data in shared counters.
        #expect(alice[0].counter.name.hasPrefix("end_user:e:") && !alice[0].counter.name.contains("alice"))
        #expect(alice[0].counter.name == LimitCounter(scope: .endUser(environmentID: "e", user: "alice"), kind: .rpm).name)
        // Another environment's per-user rule does not apply.
        var other = Self.key
        other.environmentID = "e2"
        #expect(rules.needs(key: other, endUser: "alice", plan: .free, at: now) { (10, 5) }.isEmpty)
    }
}
