import BrokleCore
import BrokleProviders

/// What routing needs from one request, read once from its body (every other field passes through
/// untouched): the model asked for, its route, and whether the client streams.
struct InboundRequest: Sendable {
    let inspector: RequestInspector
    let model: String
    let route: ModelRoute
    /// False for `provider/model` addressing, whose model names come from clients: no circuit or
    /// per-model metrics, so label values stay bounded.
    let configured: Bool
    let stream: Bool
    /// The client's own body when it is not an OpenAI chat request (Anthropic's `/v1/messages`),
    /// forwarded as it is to a provider that speaks ``nativeFormat``; nil for OpenAI clients.
    let native: RequestInspector?
    /// The wire format of ``native``.
    let nativeFormat: WireFormat
    /// Why only a provider that speaks ``nativeFormat`` may serve the request (``ClientDialect/nativeOnly``).
    let nativeOnly: GatewayError?

    /// The model label for metrics: the configured name, or `provider/*` for direct addressing.
    var modelLabel: String { configured ? model : "\(route.provider)/*" }

    /// The `model` field, which every endpoint requires. Read on its own, before the rest, so a
    /// request refused later is still traced with the model it asked for.
    static func model(in inspector: RequestInspector) throws(GatewayError) -> String {
        guard let model = inspector.string("model"), !model.isEmpty else { throw .missingParameter("model") }
        return model
    }

    /// Checks the field `endpoint` requires and finds the route for `model`.
    init(
        inspector: RequestInspector, model: String, endpoint: Endpoint, catalog: ProviderCatalog, native: RequestInspector? = nil,
        nativeFormat: WireFormat = .openAIChat, nativeOnly: GatewayError? = nil
    ) throws(GatewayError) {
        let required =
            switch endpoint {
            case .chatCompletions, .responses: "messages"
            case .completions: "prompt"
            case .embeddings: "input"
            }
        guard inspector.has(required) else { throw .missingParameter(required) }
        guard let route = catalog.route(model) else { throw .modelNotFound(model) }
        self.inspector = inspector
        self.model = model
        self.route = route
        self.configured = catalog.isConfigured(model)
        self.stream = endpoint.supportsStreaming && (inspector.bool("stream") ?? false)
        self.native = native
        self.nativeFormat = nativeFormat
        self.nativeOnly = nativeOnly
    }
}
