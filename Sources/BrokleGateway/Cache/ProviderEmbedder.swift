import BrokleCore
import Foundation
import Logging
import NIOCore

/// A semantic-cache embedder backed by a configured embeddings model, called through the
/// gateway's own routing (targets, retries, fallbacks, circuit breakers). Its tokens are priced
/// from the price book: the request's trace carries the cost, and `cache stats` nets it out of
/// what the cache saved. Vectors are L2-normalised here, whatever the provider returns.
struct ProviderEmbedder: Embedder {
    let model: String
    let attempts: RouteStage
    let prices: PriceBook
    let logger: Logger

    var id: String { "model:\(model)" }
    /// Known only from the provider's answers; vectors of another length never meet in a partition.
    var dimension: Int { 0 }

    func embed(_ text: String) async throws -> Embedding {
        let body =
            Array(#"{"model":"#.utf8) + JSONScanner.encodeString(model) + Array(#","input":"#.utf8) + JSONScanner.encodeString(text)
            + Array("}".utf8)
        let inbound = try InboundRequest(
            inspector: try RequestInspector(body), model: model, endpoint: .embeddings, catalog: attempts.settings.catalog)
        let served: ServedAttempt
        do {
            served = try await attempts.run(
                inbound, endpoint: .embeddings, requestID: "cache-embed", started: .now, logger: logger)
        } catch {
            throw error.error
        }
        guard case .complete(let status, let answer, _) = served.reply, status == 200 else {
            throw GatewayError.upstreamBadResponse("The cache's embeddings model did not answer with 200.")
        }
        let decoded = try JSONDecoder().decode(Answer.self, fromUntrusted: Array(buffer: answer))
        guard let vector = decoded.data.first?.embedding, !vector.isEmpty else {
            throw GatewayError.upstreamBadResponse("The cache's embeddings model answered without a vector.")
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let tokens = decoded.usage?.promptTokens ?? 0
        let cost = prices.price(provider: served.target.provider, model: served.target.model).map {
            CostCalculator.nanoUSD(TokenUsage(input: tokens), price: $0)
        }
        return Embedding(vector: norm > 0 ? vector.map { $0 / norm } : vector, tokens: tokens, costNanoUSD: cost)
    }

    private struct Answer: Decodable {
        struct Item: Decodable { var embedding: [Float] }
        struct Usage: Decodable {
            var promptTokens: Int?
            enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens" }
        }
        var data: [Item]
        var usage: Usage?
    }
}
