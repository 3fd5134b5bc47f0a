/// One deployment a public model can be served by: a configured provider and the model name it
/// knows. `weight` only matters to the `weighted` strategy.
public struct RouteTarget: Sendable, Equatable, Hashable {
    public var provider: String
    public var model: String
    public var weight: Double

    public init(provider: String, model: String, weight: Double = 1) {
        self.provider = provider
        self.model = model
        self.weight = weight
    }

    /// `provider/model`: the key of this deployment's health (circuit, latency) and its metric label.
    public var id: String { provider + "/" + model }
}

/// How a route orders its targets for each request.
public enum RoutingStrategy: String, Sendable, Equatable, CaseIterable {
    /// Configured order: the first target, then the next when it fails.
    case fallback
    /// A weighted draw picks the first target; the others follow in weighted order.
    case weighted
    /// Each request starts at the next target in turn.
    case roundRobin = "round-robin"
    /// The target with the lowest recent latency first, with some exploration.
    case leastLatency = "least-latency"
    /// The target with the lowest estimated price for the request first.
    case lowestCost = "lowest-cost"
}
