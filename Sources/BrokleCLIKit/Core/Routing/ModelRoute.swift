/// A public model name and how it is served: its targets (deployments), the strategy that orders
/// them per request, and how hard each request tries.
public struct ModelRoute: Sendable, Equatable {
    public var name: String
    public var strategy: RoutingStrategy
    /// Never empty.
    public var targets: [RouteTarget]
    public var resilience: Resilience
    /// The response cache for this model; nil when caching is off.
    public var cache: CachePolicy? = nil

    public init(name: String, strategy: RoutingStrategy = .fallback, targets: [RouteTarget], resilience: Resilience = Resilience()) {
        self.name = name
        self.strategy = strategy
        self.targets = targets
        self.resilience = resilience
    }

    /// A route with a single target.
    public init(name: String, provider: String, upstreamModel: String) {
        self.init(name: name, targets: [RouteTarget(provider: provider, model: upstreamModel)])
    }

    /// The first configured target's provider (what `/v1/models` reports as the owner).
    public var provider: String { targets.first?.provider ?? "" }
    /// The first configured target's model.
    public var upstreamModel: String { targets.first?.model ?? name }
}
