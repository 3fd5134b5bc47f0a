/// One candidate of a route plan, as `brokle route test` prints it.
struct RouteRow: OutputRow {
    static let columns = [
        "position", "provider", "upstream_model", "strategy", "circuit", "estimated_cost_usd", "status", "latency_ms", "reason",
    ]

    var model: String
    var strategy: String
    var position: Int
    var provider: String
    var providerKind: String
    var upstreamModel: String
    var weight: Double
    var circuit: String
    var available: Bool
    var reason: String
    @Nullable var estimatedCostUSD: Double?
    /// With --project/--env: whether an active key of that environment may use the model.
    @Nullable var keyAccess: String?
    /// Filled when the candidate was tried (no --dry-run): the HTTP status and the time it took.
    @Nullable var status: Int?
    @Nullable var latencyMs: Double?
    @Nullable var error: String?

    enum CodingKeys: String, CodingKey {
        case model, strategy, position, provider, providerKind = "provider_kind", upstreamModel = "upstream_model", weight, circuit,
            available
        case reason, estimatedCostUSD = "estimated_cost_usd", keyAccess = "key_access", status, latencyMs = "latency_ms", error
    }
}
