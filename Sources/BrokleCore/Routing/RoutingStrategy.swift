/// How a route orders its targets for each request.
package enum RoutingStrategy: String, Sendable, Equatable, CaseIterable {
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
