import BrokleCore
import Foundation
import Hummingbird
import NIOCore

/// Answers a cache hit in the client's shape: the stored JSON answer (translated for an Anthropic
/// client when it was stored in OpenAI's format), or a stream replayed through the same
/// ``StreamRelay`` an upstream stream goes through — the stored events, or events made from the
/// whole answer — so usage-chunk handling, dialect translation and hang-ups behave alike.
extension ProxyHandler {
    func replay(
        _ hit: CacheHit, inbound: InboundRequest, dialect: InboundDialect, outcome: inout RequestOutcome
    ) -> Response {
        outcome.cache = hit.outcome
        outcome.upstreamModel = hit.entry.modelServed
        outcome.httpStatus = 200
        var headers: HTTPFields = [
            GatewayResponses.requestIDHeader: outcome.requestID,
            GatewayResponses.modelHeader: hit.entry.modelServed,
            GatewayResponses.cacheHeader: hit.result.header,
        ]
        if let similarity = hit.similarity { headers[GatewayResponses.cacheSimilarityHeader] = String(format: "%.4f", similarity) }
        let kind = hit.answer.kind
        guard let bytes = hit.streamBytes, inbound.stream else {
            let overhead = ContinuousClock.now - outcome.started
            if let cost = recorder.record(outcome, overhead: overhead) {
                headers[GatewayResponses.costHeader] = CostCalculator.usdText(nano: cost)
            }
            headers[GatewayResponses.overheadHeader] = GatewayResponses.milliseconds(overhead)
            return GatewayResponses.json(
                .ok, dialect.answer(ByteBuffer(string: hit.answer.body), format: kind.format, requestedModel: outcome.model),
                headers: headers)
        }
        let overhead = ContinuousClock.now - outcome.started
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[GatewayResponses.overheadHeader] = GatewayResponses.milliseconds(overhead)
        let (stored, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        continuation.yield(ByteBuffer(bytes: bytes))
        continuation.finish()
        let relay = StreamRelay(
            upstream: stored,
            encoder: dialect.streamEncoder(
                requestedModel: outcome.model, clientWantsUsage: inbound.inspector.clientWantsStreamUsage, format: kind.format),
            reader: kind.reader, upstreamStarted: .now)
        let recorder = self.recorder
        let replaying = outcome
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var finished = replaying.finished(by: await relay.run(writer: &writer))
                // The stored usage was read back from the events; nothing was spent.
                finished.usage = TokenUsage()
                finished.upstreamTime = .zero
                recorder.record(finished, overhead: overhead)
            })
    }
}
