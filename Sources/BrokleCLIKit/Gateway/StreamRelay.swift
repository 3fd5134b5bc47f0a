import Foundation
import Hummingbird
import NIOCore

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

    /// Relays the stream, then records the outcome. When the client hangs up (its connection's
    /// ``ConnectionWatch`` says so), the relay is cancelled at once, and with it the upstream call,
    /// even while the upstream is silent. The connection stays open for the client's next request.
    func run(writer: inout any ResponseBodyWriter) async {
        let client = ClientWriter(writer)
        let watch = ConnectionWatch.current
        guard let watch else {
            handler.finish(await relay(to: client, watch: nil), overhead: overhead)
            return
        }
        let (hangUp, hungUp) = AsyncStream<Void>.makeStream()
        watch.onHangUp { hungUp.finish() }
        let outcome = await withTaskGroup(of: RequestOutcome?.self) { group in
            group.addTask { await relay(to: client, watch: watch) }
            group.addTask {
                for await _ in hangUp {}
                return nil  // the client hung up (or the relay ended and this was cancelled)
            }
            var outcome = self.outcome
            for await result in group {
                if let result { outcome = result }
                group.cancelAll()
            }
            return outcome
        }
        watch.clear()
        hungUp.finish()
        handler.finish(outcome, overhead: overhead)
    }

    /// Reads the upstream to its end and writes it to the client; returns the outcome: ok, error
    /// (the upstream broke off: the client gets an in-band error event), or cancelled (the client
    /// went away).
    private func relay(to client: ClientWriter, watch: ConnectionWatch?) async -> RequestOutcome {
        var outcome = self.outcome
        var encoder = self.encoder
        var relayedChunks = 0
        do {
            var parser = SSEParser()
            for try await buffer in upstream {
                try await relay(parser.events(in: buffer), client: client, encoder: &encoder, outcome: &outcome, relayed: &relayedChunks)
            }
            try await relay(parser.events(in: nil), client: client, encoder: &encoder, outcome: &outcome, relayed: &relayedChunks)
            let closing = encoder.finish()
            if closing.readableBytes > 0 { try await client.write(closing) }
            try await client.finish()
            outcome.httpStatus = 200
        } catch is CancellationError {
            outcome.status = .cancelled
        } catch is ClientWriteFailed {
            outcome.status = .cancelled
        } catch _ where watch?.hasHungUp ?? false {
            outcome.status = .cancelled
        } catch let error as GatewayError {
            outcome.status = .error
            outcome.error = error
            outcome.httpStatus = error.status
            try? await client.write(encoder.error(error))
            try? await client.finish()
        } catch {
            // The upstream broke off mid-stream: tell the client in-band, as OpenAI does.
            let failure = GatewayError.upstreamStreamBroken()
            outcome.status = .error
            outcome.error = failure
            outcome.httpStatus = 502
            try? await client.write(encoder.error(failure))
            try? await client.finish()
        }
        outcome.upstreamTime = ContinuousClock.now - upstreamStarted
        if outcome.usage.output == 0 && outcome.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per chunk.
            outcome.usage.output = relayedChunks
        }
        return outcome
    }

    /// Writes the events read from one upstream buffer, in the client's dialect, in one write (one
    /// event is relayed as soon as it arrives; several that arrived together leave together).
    /// `relayed` counts the content chunks written. A failure (an oversized line or event, an event
    /// nested deeper than ``JSONNesting/maxDepth``) is thrown once the events before it are written.
    private func relay(
        _ parsed: (events: [String], failure: GatewayError?), client: ClientWriter, encoder: inout ClientStreamEncoder,
        outcome: inout RequestOutcome, relayed: inout Int
    ) async throws {
        var pending = ByteBuffer()
        var chunks = 0
        var failure = parsed.failure
        for event in parsed.events {
            // Clients parse each event: one too deep for them (or for the Anthropic encoder) is a
            // broken upstream, not something to pass on.
            guard JSONNesting.isWithinLimit(event.utf8) else {
                failure = .upstreamBadResponse("The provider sent a stream event nested deeper than \(JSONNesting.maxDepth) levels.")
                break
            }
            if encode(event, into: &pending, encoder: &encoder, outcome: &outcome) { chunks += 1 }
        }
        if pending.readableBytes > 0 { try await client.write(pending) }
        relayed += chunks
        if let failure { throw failure }
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
}

/// The response body writer, handed to the task that relays (the handler's task only waits for it
/// and for a hang-up meanwhile, and never writes, which is what makes the unchecked Sendable sound).
final class ClientWriter: @unchecked Sendable {
    private var writer: any ResponseBodyWriter

    init(_ writer: any ResponseBodyWriter) {
        self.writer = writer
    }

    /// A failed write means the client is gone (not that the upstream failed).
    func write(_ buffer: ByteBuffer) async throws {
        do {
            try await writer.write(buffer)
        } catch {
            throw ClientWriteFailed()
        }
    }

    func finish() async throws {
        do {
            try await writer.finish(nil)
        } catch {
            throw ClientWriteFailed()
        }
    }
}

struct ClientWriteFailed: Error {
}
