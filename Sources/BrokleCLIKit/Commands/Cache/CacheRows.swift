import BrokleCore
import BrokleStorage
import Foundation

/// The figures of a `cache stats` row. Money is in USD as the cost report prints it: `usd_saved`
/// is what hits did not spend minus what the semantic cache's embedder cost (null when there were
/// hits and none of them could be priced); `hit_rate` is hits / lookups (null without lookups);
/// `entries` and `bytes` are the live stored answers now (null in rows grouped by day).
struct CacheFigures: GroupFigures {
    var requests: Int
    var lookups: Int
    var exactHits: Int
    var semanticHits: Int
    var misses: Int
    var bypassed: Int
    @Nullable var hitRate: Double?
    var tokensSavedIn: Int
    var tokensSavedOut: Int
    @Nullable var usdSaved: Decimal?
    var usdEmbedding: Decimal
    var unpricedHits: Int
    @Nullable var entries: Int?
    @Nullable var bytes: Int?

    enum CodingKeys: String, CodingKey {
        case requests, lookups, exactHits = "exact_hits", semanticHits = "semantic_hits", misses, bypassed, hitRate = "hit_rate"
        case tokensSavedIn = "tokens_saved_in", tokensSavedOut = "tokens_saved_out", usdSaved = "usd_saved"
        case usdEmbedding = "usd_embedding", unpricedHits = "unpriced_hits", entries, bytes
    }

    init(_ group: CacheStatsStore.Group) {
        let figures = group.lookups
        requests = figures.requests
        lookups = figures.lookups
        exactHits = figures.exactHits
        semanticHits = figures.semanticHits
        misses = figures.misses
        bypassed = figures.bypassed
        hitRate = Self.rate(figures.hits, of: figures.lookups)
        tokensSavedIn = figures.tokensSavedIn
        tokensSavedOut = figures.tokensSavedOut
        let allUnpriced = figures.hits > 0 && figures.unpricedHits == figures.hits
        usdSaved = allUnpriced ? nil : CostCalculator.usd(nano: figures.savedNanoUSD - figures.embedNanoUSD)
        usdEmbedding = CostCalculator.usd(nano: figures.embedNanoUSD)
        unpricedHits = figures.unpricedHits
        entries = group.stored?.entries
        bytes = group.stored?.bytes
    }

    /// `part / whole` rounded to 4 decimals; nil when `whole` is 0.
    static func rate(_ part: Int, of whole: Int) -> Double? {
        guard whole > 0 else { return nil }
        return (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    static let columns = [
        "requests", "lookups", "exact_hits", "semantic_hits", "misses", "bypassed", "hit_rate", "tokens_saved_in",
        "tokens_saved_out", "usd_saved", "usd_embedding", "unpriced_hits", "entries", "bytes",
    ]
}

/// The one `{"total": {...}}` line of `cache stats` without --group-by.
struct CacheTotalRow: OutputRow {
    static let columns = ["total"]
    var total: CacheFigures
}

/// What `cache purge` removed.
struct CachePurgeRow: OutputRow {
    static let columns = ["purged", "bytes"]
    var purged: Int
    var bytes: Int

    init(_ result: CacheEntryPurge.Result) {
        purged = result.purged
        bytes = result.bytes
    }
}
