/// A public model name and how it is served: its targets (deployments), the strategy that orders
/// them per request, and how hard each request tries.
package struct ModelRoute: Sendable, Equatable {
    package var name: String
    package var strategy: RoutingStrategy
    /// Never empty.
    package var targets: [RouteTarget]
    package var resilience: Resilience
    /// The response cache for this model; nil when caching is off.
    package var cache: CachePolicy? = nil
    /// The model's own guardrail policy (brokle.yaml `models.<name>.guardrails`), merged with the
    /// file's default and the request's scopes' policies; nil when it has none.
    package var guardrails: GuardrailPolicy? = nil

    package init(name: String, strategy: RoutingStrategy = .fallback, targets: [RouteTarget], resilience: Resilience = Resilience()) {
        self.name = name
        self.strategy = strategy
        self.targets = targets
        self.resilience = resilience
    }

    /// A route with a single target.
    package init(name: String, provider: String, upstreamModel: String) {
        self.init(name: name, targets: [RouteTarget(provider: provider, model: upstreamModel)])
    }

    /// The first configured target's provider (what `/v1/models` reports as the owner).
    package var provider: String { targets.first?.provider ?? "" }
    /// The first configured target's model.
    package var upstreamModel: String { targets.first?.model ?? name }
}
