import BrokleCore

/// What the response cache did for one request, for its trace and metrics.
struct CacheOutcome: Sendable {
    enum Result: String, Sendable {
        case hitExact = "hit_exact"
        case hitSemantic = "hit_semantic"
        case miss
        case bypass

        /// The `x-brokle-cache` header value.
        var header: String { rawValue.replacingOccurrences(of: "_", with: "-") }
    }

    var result: Result
    var similarity: Double?
    /// A hit: the stored answer's tokens (what was not spent), its provider and model.
    var saved: TokenUsage?
    var savedProvider: String?
    var savedModel: String?
    /// Priced by the recorder at the time of the hit.
    var savedNanoUSD: Int64?
    /// What the embedder cost (a provider embedder), nil for the lexical one.
    var embedNanoUSD: Int64?

    var isHit: Bool { result == .hitExact || result == .hitSemantic }
}
