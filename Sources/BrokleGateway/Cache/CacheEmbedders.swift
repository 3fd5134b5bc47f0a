import BrokleCore

/// The semantic cache's embedders: the built-in lexical one, and one per embeddings model a
/// policy names (called through the gateway's own routing).
struct CacheEmbedders: Sendable {
    let lexical = LexicalEmbedder()
    var models: [String: any Embedder] = [:]

    init(models: [String: any Embedder] = [:]) {
        self.models = models
    }

    func embedder(_ choice: CachePolicy.EmbedderChoice) -> (any Embedder)? {
        switch choice {
        case .lexical: lexical
        case .model(let name): models[name]
        }
    }
}
