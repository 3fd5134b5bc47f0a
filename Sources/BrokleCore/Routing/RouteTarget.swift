/// One deployment a public model can be served by: a configured provider and the model name it
/// knows. `weight` only matters to the `weighted` strategy.
package struct RouteTarget: Sendable, Equatable, Hashable {
    package var provider: String
    package var model: String
    package var weight: Double

    package init(provider: String, model: String, weight: Double = 1) {
        self.provider = provider
        self.model = model
        self.weight = weight
    }

    /// `provider/model`: the key of this deployment's health (circuit, latency) and its metric label.
    package var id: String { provider + "/" + model }
}
