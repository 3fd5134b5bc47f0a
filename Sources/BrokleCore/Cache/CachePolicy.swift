import Foundation

/// How a model's answers are cached (`models.<name>.cache` in brokle.yaml). Off unless configured.
package struct CachePolicy: Sendable, Equatable {
    package enum Mode: String, Sendable, CaseIterable {
        /// Only a canonically equal request (same scope, model and answer-changing fields) hits.
        case exact
        /// Exact first; then a request whose last user turn is close enough to a stored one, with
        /// everything else (system prompt, earlier turns, tools, parameters) equal.
        case semantic
    }

    /// Who shares entries: never across organizations; by default one environment.
    package enum Scope: String, Sendable, CaseIterable {
        case environment, project, organization
    }

    /// The semantic cache's embedder: the built-in lexical one, or a configured embeddings model
    /// called through the gateway's own routing (its tokens are charged and netted out of savings).
    package enum EmbedderChoice: Sendable, Equatable {
        case lexical
        case model(String)
    }

    package var mode: Mode
    /// How long an entry is served (seconds).
    package var ttl: TimeInterval = 3600
    /// The least cosine similarity of a semantic hit (``LexicalEmbedder/defaultThreshold``).
    package var threshold: Double = 0.95
    package var scope: Scope = .environment
    package var embedder: EmbedderChoice = .lexical
    /// Requests sampled hotter than this bypass the cache: their caller asked for variety.
    package var maxTemperature: Double = 1.0

    package init(mode: Mode) {
        self.mode = mode
    }

    /// The longest TTL a request may ask for with `x-brokle-cache-ttl` (30 days).
    package static let maximumTTL: TimeInterval = 30 * 86_400
}
