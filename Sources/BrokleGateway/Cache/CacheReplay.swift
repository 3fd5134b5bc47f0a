import BrokleCore
import Foundation
import HTTPTypes
import NIOCore

/// Answers a cache hit in the client's shape: the stored JSON answer (translated for an Anthropic
/// client when it was stored in OpenAI's format), or a stream replayed through the same
/// ``StreamRelay`` an upstream stream goes through — the stored events, or events made from the
/// whole answer — so usage-chunk handling, dialect translation and hang-ups behave alike.
extension ProxyHandler {
    func replay(
        _ hit: CacheHit, inbound: InboundRequest, dialect: any ClientDialect, guardrails: GuardrailSession?,
        outcome: inout RequestOutcome
    ) -> Answer {
        var guardrails = guardrails
        outcome.cache = hit.outcome
        outcome.upstreamModel = hit.entry.modelServed
        outcome.httpStatus = 200
        var headers = HTTPFields()
        headers.reserveCapacity(9)
        headers.append(HTTPField(name: GatewayResponses.requestIDHeader, value: outcome.requestID))
        headers.append(HTTPField(name: GatewayResponses.modelHeader, value: hit.entry.modelServed))
        headers.append(HTTPField(name: GatewayResponses.cacheHeader, value: hit.result.header))
        if let similarity = hit.similarity {
            headers.append(HTTPField(name: GatewayResponses.cacheSimilarityHeader, value: String(format: "%.4f", similarity)))
        }
        let kind = hit.answer.kind
        let overhead = ContinuousClock.now - outcome.started
        guard let bytes = hit.streamBytes, inbound.stream else {
            // Stored as the provider answered the masked request: placeholders are this request's.
            var answer = ByteBuffer(string: hit.answer.body)
            if let screened = guardrails?.screenAnswer(answer) { answer = screened }
            outcome.noteGuardrails(guardrails, headers: &headers)
            return .whole(
                status: .ok, body: dialect.answer(answer, format: kind.format, requestedModel: outcome.model), headers: headers,
                overhead: overhead)
        }
        let (stored, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        continuation.yield(ByteBuffer(bytes: bytes))
        continuation.finish()
        outcome.noteGuardrails(guardrails, headers: &headers)
        var relay = StreamRelay(
            upstream: stored,
            encoder: dialect.streamEncoder(
                requestedModel: outcome.model, clientWantsUsage: inbound.inspector.clientWantsStreamUsage, format: kind.format),
            reader: kind.reader, upstreamStarted: .now)
        relay.screen = guardrails?.streamScreen(format: kind.format)
        return .stream(relay, headers: headers, overhead: overhead) { finished in
            // The stored usage was read back from the events; nothing was spent.
            finished.usage = TokenUsage()
            finished.upstreamTime = .zero
        }
    }
}
