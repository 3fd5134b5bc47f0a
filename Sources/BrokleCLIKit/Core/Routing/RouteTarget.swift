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
