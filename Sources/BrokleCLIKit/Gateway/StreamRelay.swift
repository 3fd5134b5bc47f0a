import Foundation
import Hummingbird
import NIOCore
import Synchronization

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
        let clientGone = Atomic<Bool>(false)
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
            } onInboundClosed: {
                clientGone.store(true, ordering: .relaxed)
            }
            outcome.httpStatus = 200
        } catch is CancellationError {
            outcome.status = .cancelled
        } catch is ClientWriteFailed {
            outcome.status = .cancelled
        } catch _ where clientGone.load(ordering: .relaxed) {
            outcome.status = .cancelled
        } catch let error as GatewayError {
            outcome.status = .error
            outcome.error = error
            outcome.httpStatus = error.status
            try? await writer.write(SSEWriter.event(String(decoding: GatewayResponses.errorBody(error), as: UTF8.self)))
            try? await writer.finish(nil)
        } catch {
            // The upstream broke off mid-stream: tell the client in-band, as OpenAI does.
            let failure = GatewayError(status: 502, type: "api_error", code: "upstream_stream_broken", message: "The provider's stream ended unexpectedly.")
            outcome.status = .error
            outcome.error = failure
            outcome.httpStatus = 502
            try? await writer.write(SSEWriter.event(String(decoding: GatewayResponses.errorBody(failure), as: UTF8.self)))
            try? await writer.finish(nil)
        }
        outcome.upstreamTime = ContinuousClock.now - upstreamStarted
        if outcome.usage.output == 0 && outcome.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per chunk.
            outcome.usage.output = relayedChunks
        }
        handler.finish(outcome, overhead: overhead)
    }

    /// Writes one event unless it is the usage chunk the client did not ask for. Returns whether a
    /// content chunk went out.
    private func relay(_ event: String, writer: inout any ResponseBodyWriter, outcome: inout RequestOutcome) async throws -> Bool {
        if event == "[DONE]" {
            try await write(SSEWriter.done, to: &writer)
            return false
        }
        if event.contains(#""usage":{"#), let envelope = OpenAIWire.envelope(Array(event.utf8)), let usage = envelope.usage {
            outcome.usage = usage.neutral
            if !clientWantsUsage && (envelope.choices?.isEmpty ?? true) { return false }
        }
        if outcome.firstToken == nil { outcome.firstToken = .now }
        try await write(SSEWriter.event(event), to: &writer)
        return true
    }

    /// A failed write means the client is gone (not that the upstream failed).
    private func write(_ buffer: ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        do {
            try await writer.write(buffer)
        } catch {
            throw ClientWriteFailed()
        }
    }
}

struct ClientWriteFailed: Error {
}
