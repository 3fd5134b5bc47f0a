/// Turns a text into a unit-length vector for the semantic cache.
package protocol Embedder: Sendable {
    /// Names the embedder and its dimension (e.g. `lexical-v1/512`): part of a cache partition, so
    /// vectors of different embedders never meet.
    var id: String { get }
    /// The length of every vector this embedder returns.
    var dimension: Int { get }
    /// The vector of `text` (unit length, or all zeros for a text with nothing to embed), with what
    /// it cost when the embedder is a paid model.
    func embed(_ text: String) async throws -> Embedding
}

/// One embedded text.
package struct Embedding: Sendable {
    /// Unit length (L2), `dimension` long; all zeros when the text had nothing to embed.
    package var vector: [Float]
    /// The tokens the embedder counted (an embedding model's usage; words for a lexical one).
    package var tokens: Int
    /// What the embedding cost, when it came from a paid model; nil when free.
    package var costNanoUSD: Int64?

    package init(vector: [Float], tokens: Int, costNanoUSD: Int64? = nil) {
        self.vector = vector
        self.tokens = tokens
        self.costNanoUSD = costNanoUSD
    }
}
