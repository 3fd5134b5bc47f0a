import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/cache?range=24h|7d|30d`: the organization's response cache over the range —
/// hits (exact and semantic), misses, hit rate, tokens and dollars saved — and the entries stored
/// now, in total and by model (`brokle cache stats`).
struct CacheHandler: Sendable {
    let auth: DashboardAuth
    let stats: CacheStatsStore

    struct Figures: Encodable {
        var key: String?
        var lookups: Int
        var exactHits: Int
        var semanticHits: Int
        var misses: Int
        var bypassed: Int
        var hitRate: Double?
        var tokensSavedIn: Int
        var tokensSavedOut: Int
        var savedUsd: Decimal
        var embedUsd: Decimal
        var entries: Int?
        var bytes: Int?

        init(_ group: CacheStatsStore.Group, key: String?) {
            let l = group.lookups
            self.key = key
            lookups = l.lookups
            exactHits = l.exactHits
            semanticHits = l.semanticHits
            misses = l.misses
            bypassed = l.bypassed
            hitRate = l.lookups == 0 ? nil : Double(l.hits) / Double(l.lookups)
            tokensSavedIn = l.tokensSavedIn
            tokensSavedOut = l.tokensSavedOut
            savedUsd = CostCalculator.usd(nano: l.savedNanoUSD)
            embedUsd = CostCalculator.usd(nano: l.embedNanoUSD)
            entries = group.stored?.entries
            bytes = group.stored?.bytes
        }
    }

    struct Body: Encodable {
        var range: String
        var total: Figures?
        var models: [Figures]
    }

    func cache(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let (range, seconds) = try OverviewHandler.range(request)
        var filter = TraceFilter()
        filter.org = membership.slug
        let now = Date()
        filter.since = now.addingTimeInterval(-seconds)
        let (total, models) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            (try await stats.groups(by: [], filter, now: now), try await stats.groups(by: [.model], filter, now: now))
        }
        return try DashboardJSON.response(
            Body(
                range: range, total: total.first.map { Figures($0, key: nil) },
                models: models.map { Figures($0, key: $0.keys[.model]) }))
    }
}
