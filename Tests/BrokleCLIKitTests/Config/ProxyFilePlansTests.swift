@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// `plans:` in brokle.yaml: overrides of the shipped plan quotas, in the gateway's settings and for
/// commands that read only that section.
@Suite struct ProxyFilePlansTests {
    func folder(_ yaml: String?) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-plans-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let yaml { try yaml.write(to: url.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8) }
        return url.path
    }

    static let good = """
        providers:
          openai: { kind: openai, base_url: "https://api.openai.com/v1", api_key: "${NOT_SET_FOR_COMMANDS}" }
        plans:
          free: { monthly_requests: 20000, members: 8 }
          pro: { members: null }
          business: { members: 50, monthly_requests: unlimited }
        """

    @Test func overridesOnlyTheFieldsGiven() throws {
        let dir = try folder(Self.good)
        let settings = try ConfigLoader(environment: ["NOT_SET_FOR_COMMANDS": "sk"], currentDirectory: dir).loadGateway(.init(), .init())
        let plans = settings.plans
        #expect(plans[.free] == PlanQuota(monthlyRequests: 20_000, members: 8))
        #expect(plans[.pro] == PlanQuota(monthlyRequests: 100_000, members: nil))
        #expect(plans[.business] == PlanQuota(monthlyRequests: nil, members: 50))
        #expect(plans[.enterprise] == PlanQuota.shipped[.enterprise])
        // Commands read only `plans:`, so the provider's unset variable does not matter to them.
        #expect(try ConfigLoader(environment: [:], currentDirectory: dir).loadPlans(.init()) == plans)
    }

    @Test func withoutAFileOrSectionTheShippedTableApplies() throws {
        #expect(try ConfigLoader(environment: [:], currentDirectory: try folder(nil)).loadPlans(.init()) == PlanQuota.shipped)
        let noSection = try folder("providers:\n  a: { kind: mock }\n")
        #expect(try ConfigLoader(environment: [:], currentDirectory: noSection).loadPlans(.init()) == PlanQuota.shipped)
        #expect(try ConfigLoader(environment: [:], currentDirectory: noSection).loadGateway(.init(), .init()).plans == PlanQuota.shipped)
    }

    @Test func anExplicitFileWins() throws {
        let dir = try folder(nil)
        let path = dir + "/other.yaml"
        try "plans:\n  free: { members: 2 }\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ConfigLoader(environment: ["BROKLE_CONFIG": path], currentDirectory: dir).loadPlans(.init())[.free]?.members == 2)
        #expect(try ConfigLoader(environment: [:], currentDirectory: dir).loadPlans(.init(), config: "other.yaml")[.free]?.members == 2)
    }

    @Test(arguments: [
        ("gold: { members: 3 }", "plans.gold: unknown plan"),
        ("free: { members: -1 }", "plans.free.members: -1 is negative"),
        ("free: { monthly_requests: lots }", "plans.free.monthly_requests: 'lots' is not a count"),
        ("free: { monthly_requests: 1.5 }", "plans.free.monthly_requests: '1.5' is not a count"),
        ("pro: { seats: 3 }", "plans.pro.seats: unknown field"),
    ])
    func badValuesNameTheKey(plans: String, message: String) throws {
        let dir = try folder("providers:\n  a: { kind: mock }\nplans:\n  \(plans)\n")
        for load in [
            { try ConfigLoader(environment: [:], currentDirectory: dir).loadPlans(.init()) },
            { try ConfigLoader(environment: [:], currentDirectory: dir).loadGateway(.init(), .init()).plans },
        ] as [() throws -> [Plan: PlanQuota]] {
            #expect { try load() } throws: { error in
                let error = error as? BrokleError
                return error?.kind == .config && error?.message.contains(message) == true && error?.message.contains("brokle.yaml") == true
            }
        }
    }
}
