import Foundation
import Hummingbird
import NIOCore

/// Relays an upstream SSE stream to the client event by event as it arrives (nothing is buffered
/// beyond one event). Reads usage from the final chunk, drops that chunk when the client did not
/// ask for it, and ends with a trace: ok, error (the upstream broke off), or cancelled (the client
/// went away — which cancels the upstream request at once).
struct StreamRelay: Sendable {
    let upstream: UpstreamByteStream
    let clientWantsUsage: Bool
    let outcome: RequestOutcome
    let upstreamStarted: ContinuousClock.Instant
    let handler: ProxyHandler
    let overhead: Duration

    func run(request: Request, writer: inout any ResponseBodyWriter) async throws {
        var outcome = self.outcome
        var relayedChunks = 0
        do {
            // If the client closes its side, the operation is cancelled, and with it the upstream call.
            try await request.body.consumeWithInboundCloseHandler { _ in
                var parser = SSEParser()
                for try await buffer in upstream {
                    for event in parser.feed(buffer) {
                        if try await relay(event, writer: &writer, outcome: &outcome) { relayedChunks += 1 }
                    }
                }
                for event in parser.finish() {
                    if try await relay(event, writer: &writer, outcome: &outcome) { relayedChunks += 1 }
                }
                try await writer.finish(nil)
            } onInboundClosed: {}
            outcome.httpStatus = 200
        } catch is CancellationError {
            outcome.status = .cancelled
        } catch let error as GatewayError {
            outcome.status = .error
            outcome.error = error
            outcome.httpStatus = error.status
            try? await writer.write(SSEWriter.event(String(decoding: GatewayResponses.errorBody(error), as: UTF8.self)))
            try? await writer.finish(nil)
        } catch {
            // The client's connection failed under our write, or the upstream broke off mid-stream.
            outcome.status = Task.isCancelled ? .cancelled : .error
            if outcome.status == .error {
                outcome.error = GatewayError(status: 502, type: "api_error", code: "upstream_stream_broken",
                                             message: "The provider's stream ended unexpectedly.")
                outcome.httpStatus = 502
                try? await writer.write(SSEWriter.event(String(decoding: GatewayResponses.errorBody(outcome.error!), as: UTF8.self)))
                try? await writer.finish(nil)
            }
        }
        outcome.upstreamTime = ContinuousClock.now - upstreamStarted
        if outcome.usage.output == 0 && outcome.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per content chunk.
            outcome.usage.output = max(0, relayedChunks - 1)
        }
        handler.finish(outcome, overhead: overhead)
    }

    /// Writes one event unless it is the usage chunk the client did not ask for. Returns whether a
    /// content chunk went out.
    private func relay(_ event: String, writer: inout any ResponseBodyWriter, outcome: inout RequestOutcome) async throws -> Bool {
        if event == "[DONE]" {
            try await writer.write(SSEWriter.done)
            return false
        }
        if event.contains(#""usage":{"#), let envelope = OpenAIWire.envelope(Array(event.utf8)), let usage = envelope.usage {
            outcome.usage = usage.neutral
            if !clientWantsUsage && (envelope.choices?.isEmpty ?? true) { return false }
        }
        if outcome.firstToken == nil { outcome.firstToken = .now }
        try await writer.write(SSEWriter.event(event))
        return true
    }
}
