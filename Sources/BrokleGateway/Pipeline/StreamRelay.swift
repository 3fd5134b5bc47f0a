import BrokleCore
import BrokleProviders
import BrokleTransport
import Foundation
import Hummingbird
import NIOCore

/// Relays an upstream SSE stream to the client event by event as it arrives (nothing is buffered
/// beyond one event). The provider's ``ReplyReader`` says what each event means: usage (OpenAI's
/// final chunk, Anthropic's first and last events), whether it is OpenAI's usage-only chunk, which
/// is dropped when the client did not ask for it. Hands back how it ended: ok, error (the upstream broke off), or cancelled (the
/// client went away — which cancels the upstream request at once). Recording that is the caller's.
struct StreamRelay: Sendable {
    let upstream: UpstreamByteStream
    let encoder: any ClientStreamEncoder
    let reader: any ReplyReader
    let upstreamStarted: ContinuousClock.Instant
    /// Called with the upstream's events (up to ``captureLimit`` bytes) and its usage once the
    /// upstream has finished normally — before the client gets the last bytes, so a client that
    /// asks again right after the stream finds the answer stored (the response cache).
    var onComplete: (@Sendable ([ReplayEvent], TokenUsage) -> Void)? = nil
    /// Output guardrails and restore, between the upstream's events (what the cache keeps) and
    /// the client's encoder; nil when the request's policy leaves answers alone.
    var screen: GuardrailStreamScreen? = nil
    /// Assemble what the client receives into one answer, for the trace's content; nil (content
    /// off) copies nothing.
    var assembly: StreamAssembly? = nil

    static let captureLimit = 4 * 1024 * 1024

    /// This relay, assembling what the client receives as `assembly` says (nil: nothing is copied).
    func assembling(_ assembly: StreamAssembly?) -> StreamRelay {
        guard let assembly else { return self }
        var relay = self
        relay.assembly = assembly
        return relay
    }

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
        var stream = Stream(encoder: encoder, reader: reader)
        stream.screen = screen
        if let assembly { stream.assembler = StreamAssembler(assembly) }
        if onComplete != nil { stream.captured = [] }
        do {
            var parser = SSEParser()
            for try await buffer in upstream {
                try await relay(parser.events(in: buffer), client: client, stream: &stream, result: &result)
            }
            try await relay(parser.events(in: nil), client: client, stream: &stream, result: &result)
            try stream.reader.finish()
            if stream.screen?.isHolding == true {
                // The upstream ended without the event that carries what guardrails held back.
                var held = ByteBuffer()
                for event in stream.screen!.finish() { append(stream.encoder.encode(event.event, name: event.name), to: &held) }
                if held.readableBytes > 0 {
                    stream.assembler?.feed(held)
                    try await client.write(held)
                }
            }
            let closing = stream.encoder.finish()
            if closing.readableBytes > 0 {
                stream.assembler?.feed(closing)
                try await client.write(closing)
            }
            try await client.finish()
            result.httpStatus = 200
        } catch let reported as ReportedInBand {
            // The provider's own error event already went to the client, as it came.
            result.status = .error
            result.error = reported.error
            result.httpStatus = reported.error.status
            try? await client.finish()
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
            let event = stream.encoder.error(error)
            stream.assembler?.feed(event)
            try? await client.write(event)
            try? await client.finish()
        } catch {
            // The upstream broke off mid-stream: tell the client in-band, as OpenAI does.
            let failure = GatewayError.upstreamStreamBroken()
            result.status = .error
            result.error = failure
            result.httpStatus = 502
            let event = stream.encoder.error(failure)
            stream.assembler?.feed(event)
            try? await client.write(event)
            try? await client.finish()
        }
        result.answer = stream.assembler?.finish()
        result.upstreamTime = ContinuousClock.now - upstreamStarted
        if let screen = stream.screen { result.guardrails = screen.tally }
        if result.usage.output == 0 && result.status != .ok {
            // No final usage (cut short): count what was relayed, about one token per chunk.
            result.usage.output = stream.relayed
        }
        return result
    }

    /// What the relay keeps from one event to the next.
    private struct Stream {
        var encoder: any ClientStreamEncoder
        var reader: any ReplyReader
        /// The content events written so far (the output count of a stream cut short).
        var relayed = 0
        /// An error the provider reported in an event written to the client: the stream ends there.
        var reported: GatewayError?
        /// The events as they came (when capturing; nil past ``captureLimit``).
        var captured: [ReplayEvent]?
        var capturedBytes = 0
        /// The upstream sent its last event (`[DONE]`, Anthropic's `message_stop`).
        var completed = false
        var screen: GuardrailStreamScreen?
        var assembler: StreamAssembler?
    }

    /// Ends a stream whose provider reported an error in an event the client already has.
    private struct ReportedInBand: Error {
        var error: GatewayError
    }

    /// Writes the events read from one upstream buffer, in the client's dialect, in one write (one
    /// event is relayed as soon as it arrives; several that arrived together leave together). A
    /// failure (an oversized line or event, an event nested deeper than ``JSONNesting/maxDepth`` or
    /// unreadable, an error the provider reported in an event) is thrown once the events before it
    /// (and the provider's error event itself) are written.
    private func relay(
        _ parsed: (events: [String], failure: GatewayError?), client: ClientWriter, stream: inout Stream, result: inout RelayResult
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
            do throws(GatewayError) {
                if try encode(event, into: &pending, stream: &stream, result: &result) { chunks += 1 }
            } catch {
                failure = error
                break
            }
            if stream.reported != nil { break }
        }
        if stream.completed, failure == nil, stream.reported == nil, let captured = stream.captured {
            onComplete?(captured, result.usage)
            stream.captured = nil
        }
        if pending.readableBytes > 0 {
            // The assembler (content kept) reads what the client gets, as it gets it.
            stream.assembler?.feed(pending)
            try await client.write(pending)
        }
        stream.relayed += chunks
        if let reported = stream.reported { throw ReportedInBand(error: reported) }
        if let failure { throw failure }
    }

    /// Appends one event's bytes for the client, unless it is the usage chunk the client did not
    /// ask for. Returns whether it was a content event.
    private func encode(_ event: String, into pending: inout ByteBuffer, stream: inout Stream, result: inout RelayResult)
        throws(GatewayError) -> Bool
    {
        let reading = try stream.reader.read(event)
        if event == "[DONE]" || reading.name == "message_stop" { stream.completed = true }
        if stream.captured != nil && event != "[DONE]" {
            stream.capturedBytes += event.utf8.count
            if stream.capturedBytes > Self.captureLimit {
                stream.captured = nil
            } else {
                stream.captured?.append(ReplayEvent(name: reading.name, data: event))
            }
        }
        if let usage = reading.usage { result.usage = usage }
        if reading.isUsageOnly && !stream.encoder.forwardsUsageChunk { return false }
        if reading.isContent && result.firstToken == nil { result.firstToken = .now }
        stream.reported = reading.reportedError
        if stream.screen != nil {
            for screened in stream.screen!.process(event, name: reading.name) {
                append(stream.encoder.encode(screened.event, name: screened.name), to: &pending)
            }
        } else {
            append(stream.encoder.encode(event, name: reading.name), to: &pending)
        }
        return reading.isContent
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
