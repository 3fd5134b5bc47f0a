import BrokleCore
import Foundation
import NIOCore
import Synchronization

/// The built-in provider: answers in the OpenAI wire format without any network, deterministically,
/// with configurable latency, chunk pacing, reply length and injected failures. Offered tools, it
/// calls one and then cites its result (``MockToolTurn``), so agent loops run offline.
package final class MockProvider: ProviderAdapter {
    package let name: String
    let settings: ProviderConfig.MockSettings
    private let counter = Mutex<UInt64>(0)

    package init(name: String, settings: ProviderConfig.MockSettings) {
        self.name = name
        self.settings = settings
    }

    package func send(_ request: UpstreamRequest) async throws -> UpstreamReply {
        let parsed: MockRequest
        do {
            parsed = try JSONDecoder().decode(MockRequest.self, fromUntrusted: request.body.readableBytesView)
        } catch {
            return Self.error(status: 400, type: "invalid_request_error", message: "mock: could not read the request: \(error)")
        }
        if shouldFail() {
            try await wait(settings.latency, within: request)
            return Self.error(
                status: settings.errorStatus, type: "server_error", message: "mock: injected failure (error_rate \(settings.errorRate))")
        }
        let id = "mock-" + request.requestID
        let created = Int(Date().timeIntervalSince1970)
        let toolTurn = request.endpoint == .chatCompletions ? MockToolTurn(parsed, requestID: request.requestID) : nil
        let replyWords: [String]
        switch toolTurn {
        case .call(let call)?:
            return try await toolCall(call, request: request, promptTokens: parsed.promptTokens, id: id, created: created)
        case .citation(let text)?:
            replyWords = text.split(separator: " ").map(String.init)
        case nil:
            replyWords =
                settings.mode == .echo
                ? parsed.lastUserText.split(separator: " ").map(String.init)
                : MockText.lorem(count: settings.completionTokens, seed: settings.seed, prompt: parsed.lastUserText)
        }
        let usage = MockResponses.Usage(prompt: parsed.promptTokens, completion: request.endpoint == .embeddings ? 0 : replyWords.count)

        if request.stream && request.endpoint.supportsStreaming {
            let events = MockResponses.streamEvents(
                endpoint: request.endpoint, id: id, created: created, model: request.upstreamModel,
                pieces: MockText.pieces(replyWords), usage: request.includeUsage ? usage : nil
            )
            return .stream(
                MockChunkSequence(
                    events: events, firstDelay: settings.latency, interval: settings.chunkInterval, timeLimit: request.timeout,
                    provider: name))
        }
        try await wait(settings.latency, within: request)
        let body: String
        switch request.endpoint {
        case .chatCompletions, .responses:
            body = MockResponses.chat(
                id: id, created: created, model: request.upstreamModel, text: replyWords.joined(separator: " "), usage: usage)
        case .completions:
            body = MockResponses.completion(
                id: id, created: created, model: request.upstreamModel, text: replyWords.joined(separator: " "), usage: usage)
        case .embeddings:
            let count = parsed.input?.items ?? 0
            guard count > 0 else { return Self.error(status: 400, type: "invalid_request_error", message: "'input' is required") }
            body = MockResponses.embeddings(
                model: request.upstreamModel, count: count, dimensions: parsed.dimensions ?? settings.embeddingDimensions,
                base64: parsed.encodingFormat == "base64", seed: settings.seed, usage: usage
            )
        }
        return .complete(status: 200, body: ByteBuffer(string: body))
    }

    /// A chat answer that calls a tool, whole or streamed with the same pacing as text.
    private func toolCall(_ call: MockToolCall, request: UpstreamRequest, promptTokens: Int, id: String, created: Int) async throws
        -> UpstreamReply
    {
        let pieces = call.argumentPieces
        let usage = MockResponses.Usage(prompt: promptTokens, completion: pieces.count)
        if request.stream {
            let events = MockResponses.toolCallStreamEvents(
                id: id, created: created, model: request.upstreamModel, call: call, pieces: pieces,
                usage: request.includeUsage ? usage : nil)
            return .stream(
                MockChunkSequence(
                    events: events, firstDelay: settings.latency, interval: settings.chunkInterval, timeLimit: request.timeout,
                    provider: name))
        }
        try await wait(settings.latency, within: request)
        let body = MockResponses.chatToolCall(id: id, created: created, model: request.upstreamModel, call: call, usage: usage)
        return .complete(status: 200, body: ByteBuffer(string: body))
    }

    /// The mock's latency before a whole answer, within the call's time limit as a real upstream's
    /// is: past it the call fails as timed out when the limit is due.
    private func wait(_ latency: TimeInterval, within request: UpstreamRequest) async throws {
        try await MockChunkSequence.delay(latency, timeLimit: request.timeout, provider: name)
    }

    /// Deterministic failure injection: request n fails when the seeded draw for n is below the rate.
    private func shouldFail() -> Bool {
        guard settings.errorRate > 0 else { return false }
        let n = counter.withLock { value in
            value += 1
            return value
        }
        var random = SeededRandom(seed: settings.seed &+ n &* 0x9E37_79B9)
        return random.unit() < settings.errorRate
    }

    static func error(status: Int, type: String, message: String) -> UpstreamReply {
        let body =
            #"{"error":{"message":\#(String(decoding: JSONScanner.encodeString(message), as: UTF8.self)),"type":"\#(type)","param":null,"code":null}}"#
        return .complete(status: status, body: ByteBuffer(string: body))
    }
}

/// The mock's SSE events, released one by one with the configured pacing. Cancelling the consumer
/// interrupts the wait, like closing a real upstream connection.
struct MockChunkSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let events: [String]
    let firstDelay: TimeInterval
    let interval: TimeInterval
    /// The call's time limit on the first event (a stream must start within it); nil: none.
    var timeLimit: Double? = nil
    var provider = "mock"

    struct AsyncIterator: AsyncIteratorProtocol {
        let events: [String]
        let firstDelay: TimeInterval
        let interval: TimeInterval
        let timeLimit: Double?
        let provider: String
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            guard index < events.count else { return nil }
            if index == 0 {
                try await MockChunkSequence.delay(firstDelay, timeLimit: timeLimit, provider: provider)
            } else if interval > 0 {
                try await Task.sleep(for: .seconds(interval))
            }
            try Task.checkCancellation()
            defer { index += 1 }
            return SSEWriter.event(events[index])
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events, firstDelay: firstDelay, interval: interval, timeLimit: timeLimit, provider: provider)
    }

    /// Waits `delay`, or fails as `provider` timing out when `timeLimit` comes first.
    static func delay(_ delay: TimeInterval, timeLimit: Double?, provider: String) async throws {
        if let timeLimit, timeLimit < delay {
            try await Task.sleep(for: .seconds(Swift.max(0, timeLimit)))
            throw GatewayError.upstreamTimeout(provider)
        }
        if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
    }
}
