import Foundation
import Hummingbird
import NIOCore

/// Relays an upstream SSE stream to the client event by event as it arrives (nothing is buffered
/// beyond one event). Reads usage from the final chunk, drops that chunk when the client did not
/// ask for it, and hands back how it ended: ok, error (the upstream broke off), or cancelled (the
/// client went away — which cancels the upstream request at once). Recording that is the caller's.
struct StreamRelay: Sendable {
    let upstream: UpstreamByteStream
    let encoder: ClientStreamEncoder
    let upstreamStarted: ContinuousClock.Instant

    /// Relays the stream and returns how it ended. When the client hangs up (its connection's
    /// ``ConnectionWatch`` says so), the relay is cancelled at once, and with it the upstream call,
    /// even while the upstream is silent. The connection stays open for the client's next request.
    func run(writer: inout any ResponseBodyWriter) async -> RelayResult {
        let client = ClientWriter(writer)
        let watch = ConnectionWatch.current
        guard let watch else { return await relay(to: client, watch: nil) }
        let (hangUp, hungUp) = AsyncStream<Void>.makeStream()
        watch.onHangUp { hungUp.finish() }
        let result = await withTaskGroup(of: RelayResult?.self) { group in
            group.addTask { await relay(to: client, watch: watch) }
            group.addTask {
                for await _ in hangUp {}
                return nil  // the client hung up (or the relay ended and this was cancelled)
            }
            var relayed = RelayResult()
            for await result in group {
                if let result { relayed = result }
                group.cancelAll()
            }
            return relayed
        }
        watch.clear()
        hungUp.finish()
        return result
    }

    /// Reads the upstream to its end and writes it to the client; returns how it ended: ok, error
    /// (the upstream broke off: the client gets an in-band error event), or cancelled (the client
    /// went away).
    private func relay(to client: ClientWriter, watch: ConnectionWatch?) async -> RelayResult {
        var result = RelayResult()
        var encoder = self.encoder
        var relayedChunks = 0
        do {
            var parser = SSEParser()
            for try await buffer in upstream {
                try await relay(parser.events(in: buffer), client: client, encoder: &encoder, result: &result, relayed: &relayedChunks)
            }
            try await relay(parser.events(in: nil), client: client, encoder: &encoder, result: &result, relayed: &relayedChunks)
            let closing = encoder.finish()
            if closing.readableBytes > 0 { try await client.write(closing) }
            try await client.finish()
            result.httpStatus = 200
        } catch is CancellationError {
            result.status = .cancelled
        } catch is ClientWriteFailed {
            result.status = .cancelled
        } catch _ where watch?.hasHungUp ?? false {
            result.status = .cancelled
        } catch let error as GatewayError {
            result.status = .error
            result.error = error
            result.httpStatus = error.status
            try? await client.write(encoder.error(error))
            try? await client.finish()
        } catch {
            // The upstream broke off mid-stream: tell the client in-band, as OpenAI does.
            let failure = GatewayError.upstreamStreamBroken()
            result.status = .error
            result.error = failure
            result.httpStatus = 502
            try? await client.write(encoder.error(failure))
            try? await client.finish()
        }
        result.upstreamTime = ContinuousClock.now - upstreamStarted
        if result.usage.output == 0 && result.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per chunk.
            result.usage.output = relayedChunks
        }
        return result
    }

    /// Writes the events read from one upstream buffer, in the client's dialect, in one write (one
    /// event is relayed as soon as it arrives; several that arrived together leave together).
    /// `relayed` counts the content chunks written. A failure (an oversized line or event, an event
    /// nested deeper than ``JSONNesting/maxDepth``) is thrown once the events before it are written.
    private func relay(
        _ parsed: (events: [String], failure: GatewayError?), client: ClientWriter, encoder: inout ClientStreamEncoder,
        result: inout RelayResult, relayed: inout Int
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
            if encode(event, into: &pending, encoder: &encoder, result: &result) { chunks += 1 }
        }
        if pending.readableBytes > 0 { try await client.write(pending) }
        relayed += chunks
        if let failure { throw failure }
    }

    /// Appends one event's bytes for the client, unless it is the usage chunk the client did not
    /// ask for. Returns whether it was a content chunk.
    private func encode(_ event: String, into pending: inout ByteBuffer, encoder: inout ClientStreamEncoder, result: inout RelayResult) -> Bool {
        if event == "[DONE]" {
            append(encoder.encode(event), to: &pending)
            return false
        }
        var usageOnly = false
        if event.contains(#""usage":{"#), let envelope = OpenAIWire.envelope(Array(event.utf8)), let usage = envelope.usage {
            result.usage = usage.neutral
            usageOnly = envelope.choices?.isEmpty ?? true
            if usageOnly && !encoder.forwardsUsageChunk { return false }
        }
        if result.firstToken == nil && !usageOnly { result.firstToken = .now }
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
