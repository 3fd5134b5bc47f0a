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
    let encoder: ClientStreamEncoder
    let outcome: RequestOutcome
    let upstreamStarted: ContinuousClock.Instant
    let handler: ProxyHandler
    let overhead: Duration

    func run(request: Request, writer: inout any ResponseBodyWriter) async throws {
        var outcome = self.outcome
        var encoder = self.encoder
        var relayedChunks = 0
        let clientGone = Atomic<Bool>(false)
        // Whether the relay is still running. Once it has ended (finished, or thrown because the
        // upstream broke off) the handler stops watching the client's side, and that teardown
        // reports the inbound side closed: only a close seen while relaying means the client left.
        let relaying = Atomic<Bool>(true)
        do {
            // If the client closes its side, the operation is cancelled, and with it the upstream call.
            try await request.body.consumeWithInboundCloseHandler { _ in
                defer { relaying.store(false, ordering: .relaxed) }
                var parser = SSEParser()
                for try await buffer in upstream {
                    try await relay(parser.feed(buffer), writer: &writer, encoder: &encoder, outcome: &outcome, relayed: &relayedChunks)
                }
                try await relay(parser.finish(), writer: &writer, encoder: &encoder, outcome: &outcome, relayed: &relayedChunks)
                let closing = encoder.finish()
                if closing.readableBytes > 0 { try await write(closing, to: &writer) }
                try await writer.finish(nil)
            } onInboundClosed: {
                if relaying.load(ordering: .relaxed) { clientGone.store(true, ordering: .relaxed) }
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
            try? await writer.write(encoder.error(error))
            try? await writer.finish(nil)
        } catch {
            // The upstream broke off mid-stream: tell the client in-band, as OpenAI does.
            let failure = GatewayError(status: 502, type: "api_error", code: "upstream_stream_broken", message: "The provider's stream ended unexpectedly.")
            outcome.status = .error
            outcome.error = failure
            outcome.httpStatus = 502
            try? await writer.write(encoder.error(failure))
            try? await writer.finish(nil)
        }
        outcome.upstreamTime = ContinuousClock.now - upstreamStarted
        if outcome.usage.output == 0 && outcome.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per chunk.
            outcome.usage.output = relayedChunks
        }
        handler.finish(outcome, overhead: overhead)
    }

    /// Writes the events read from one upstream buffer, in the client's dialect, in one write (one
    /// event is relayed as soon as it arrives; several that arrived together leave together).
    /// `relayed` counts the content chunks written.
    private func relay(
        _ events: [String], writer: inout any ResponseBodyWriter, encoder: inout ClientStreamEncoder, outcome: inout RequestOutcome,
        relayed: inout Int
    ) async throws {
        var pending = ByteBuffer()
        var chunks = 0
        for event in events {
            if encode(event, into: &pending, encoder: &encoder, outcome: &outcome) { chunks += 1 }
        }
        if pending.readableBytes > 0 { try await write(pending, to: &writer) }
        relayed += chunks
    }

    /// Appends one event's bytes for the client, unless it is the usage chunk the client did not
    /// ask for. Returns whether it was a content chunk.
    private func encode(_ event: String, into pending: inout ByteBuffer, encoder: inout ClientStreamEncoder, outcome: inout RequestOutcome) -> Bool {
        if event == "[DONE]" {
            append(encoder.encode(event), to: &pending)
            return false
        }
        var usageOnly = false
        if event.contains(#""usage":{"#), let envelope = OpenAIWire.envelope(Array(event.utf8)), let usage = envelope.usage {
            outcome.usage = usage.neutral
            usageOnly = envelope.choices?.isEmpty ?? true
            if usageOnly && !encoder.forwardsUsageChunk { return false }
        }
        if outcome.firstToken == nil && !usageOnly { outcome.firstToken = .now }
        append(encoder.encode(event), to: &pending)
        return !usageOnly
    }

    private func append(_ bytes: ByteBuffer, to pending: inout ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        if pending.readableBytes == 0 {
            pending = bytes
        } else {
            var bytes = bytes
            pending.writeBuffer(&bytes)
        }
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
