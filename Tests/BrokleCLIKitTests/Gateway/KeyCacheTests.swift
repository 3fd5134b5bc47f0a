@testable import BrokleCore
@testable import BrokleGateway
import Foundation
import Testing

@Suite struct KeyCacheTests {
    static let context = KeyContext(
        keyID: "k1", publicID: "p1", organizationID: "o", orgSlug: "acme", projectID: "p", projectSlug: "web",
        environmentID: "e", environmentSlug: "production", allowedModels: nil, expiresAt: nil
    )

    @Test func anAcceptedKeyIsFreshThenStaleThenGone() {
        let cache = KeyCache(ttl: 30, negativeTTL: 5, staleIfError: 600)
        let now = ContinuousClock.now
        cache.store("k", .success(Self.context), now: now)
        guard case .fresh = cache.lookup("k", now: now + .seconds(29)) else { Issue.record("fresh within the TTL"); return }
        guard case .stale = cache.lookup("k", now: now + .seconds(31)) else { Issue.record("stale past the TTL"); return }
        guard case .stale = cache.lookup("k", now: now + .seconds(599)) else { Issue.record("stale within the window"); return }
        guard case .miss = cache.lookup("k", now: now + .seconds(601)) else { Issue.record("gone past the window"); return }
    }

    @Test func aRejectedKeyIsNeverServedStale() {
        let cache = KeyCache(ttl: 30, negativeTTL: 5, staleIfError: 600)
        let now = ContinuousClock.now
        cache.store("bad", .failure(.revoked), now: now)
        guard case .fresh(.failure(.revoked)) = cache.lookup("bad", now: now + .seconds(4)) else { Issue.record("cached refusal"); return }
        guard case .miss = cache.lookup("bad", now: now + .seconds(6)) else { Issue.record("no stale refusal"); return }
    }
}
