@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// The gateway's Anthropic-compatible endpoint: requests in, messages, errors and streams out.
@Suite struct AnthropicInboundTests {
    @Test func anAnthropicRequestBecomesTheExpectedOpenAIRequest() throws {
        let (body, model, stream) = try AnthropicInbound.chatRequest(
            fromMessages: try AnthropicFixtures.bytes("inbound-messages-request.json"))
        #expect(model == "claude-sonnet-4-5")
        #expect(stream)
        #expect(try AnthropicFixtures.json(body) == (try AnthropicFixtures.json("inbound-chat-request.expected.json")))
    }

    @Test func aPlainRequestStaysPlain() throws {
        let (body, _, stream) = try AnthropicInbound.chatRequest(
            fromMessages: Array(
                #"{"model":"m","max_tokens":10,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"any"}}"#
                    .utf8
            ))
        #expect(!stream)
        #expect(
            try AnthropicFixtures.json(body)
                == .object([
                    "model": .string("m"), "max_tokens": .int(10),
                    "messages": .array([
                        .object(["role": .string("system"), "content": .string("Be brief.")]),
                        .object(["role": .string("user"), "content": .string("Hi")]),
                    ]),
                ]), "no tools, so no tool_choice; no stream options")
    }

    @Test func missingRequiredFieldsAre400WithTheirName() {
        func param(_ body: String) -> String?? {
            do throws(GatewayError) {
                _ = try AnthropicInbound.chatRequest(fromMessages: Array(body.utf8))
                return nil
            } catch {
                #expect(error.status == 400 && error.type == "invalid_request_error")
                return .some(error.param)
            }
        }
        #expect(param(#"{"max_tokens":1,"messages":[]}"#) == .some("model"))
        #expect(param(#"{"model":"m","max_tokens":1}"#) == .some("messages"))
        #expect(param(#"{"model":"m","messages":[]}"#) == .some("max_tokens"))
        #expect(param("[1]") == .some(nil))
        #expect(param(#"{"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"text":"no type"}]}]}"#) == .some(nil))
    }

    @Test func aChatCompletionBecomesTheExpectedMessage() throws {
        let message = AnthropicInbound.message(
            fromChatCompletion: try AnthropicFixtures.bytes("inbound-chat-completion.json"), requestedModel: "claude-sonnet-4-5")
        #expect(try AnthropicFixtures.json(message) == (try AnthropicFixtures.json("inbound-message.expected.json")))
    }

    @Test func stopReasonsFromFinishReasons() {
        #expect(AnthropicInbound.stopReason("stop") == "end_turn")
        #expect(AnthropicInbound.stopReason("length") == "max_tokens")
        #expect(AnthropicInbound.stopReason("tool_calls") == "tool_use")
        #expect(AnthropicInbound.stopReason("content_filter") == "refusal")
    }

    @Test func errorBodiesUseAnthropicTypes() throws {
        func type(_ error: GatewayError) throws -> JSONValue? {
            let body = try AnthropicFixtures.json(AnthropicInbound.errorBody(error))
            #expect(body["type"] == .string("error"))
            #expect(body["error"]?["message"] == .string(error.message))
            return body["error"]?["type"]
        }
        #expect(try type(.invalidRequest("bad")) == .string("invalid_request_error"))
        #expect(try type(.invalidAPIKey) == .string("authentication_error"))
        #expect(try type(.modelNotAllowed("m")) == .string("permission_error"))
        #expect(try type(.modelNotFound("m")) == .string("not_found_error"))
        #expect(try type(.bodyTooLarge(limit: 1)) == .string("request_too_large"))
        #expect(try type(GatewayError(status: 429, type: "requests", message: "slow down")) == .string("rate_limit_error"))
        #expect(try type(.upstreamUnreachable("p")) == .string("api_error"))
        #expect(try type(.upstreamTimeout("p")) == .string("api_error"))
        #expect(try type(.authUnavailable) == .string("overloaded_error"))
        #expect(try type(GatewayError(status: 529, type: "overloaded_error", message: "busy")) == .string("overloaded_error"))
        #expect(try type(GatewayError(status: 500, type: "server_error", message: "oops")) == .string("api_error"))
    }

    /// The OpenAI transcript through the SSE parser (7-byte pieces) and the encoder.
    static func encode(_ fixture: String) throws -> String {
        var parser = SSEParser()
        var encoder = AnthropicStreamEncoder(requestedModel: "claude-sonnet-4-5")
        var out: [UInt8] = []
        for piece in AnthropicFixtures.pieces(try AnthropicFixtures.text(fixture)) {
            for event in try parser.feed(piece) { out += encoder.feed(event) }
        }
        #expect(encoder.isFinished)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [
        ("inbound-openai-stream-text.sse", "inbound-anthropic-stream-text.expected.sse"),
        ("inbound-openai-stream-tools.sse", "inbound-anthropic-stream-tools.expected.sse"),
    ])
    func openAIStreamsBecomeAnthropicEvents(fixture: String, expected: String) throws {
        let events = try AnthropicFixtures.namedEvents(try Self.encode(fixture))
        let wanted = try AnthropicFixtures.namedEvents(try AnthropicFixtures.text(expected))
        #expect(events.map(\.name) == wanted.map(\.name))
        #expect(events.map(\.data) == wanted.map(\.data))
        #expect(events.allSatisfy { $0.data["type"] == .string($0.name) }, "each event's name repeats its type")
    }

    @Test func withoutAUsageChunkDoneClosesTheMessage() throws {
        var encoder = AnthropicStreamEncoder(requestedModel: "m")
        var out = encoder.feed(#"{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"#)
        out += encoder.feed(#"{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"#)
        #expect(
            try AnthropicFixtures.namedEvents(String(decoding: out, as: UTF8.self)).map(\.name) == [
                "message_start", "content_block_start", "content_block_delta", "content_block_stop",
            ], "message_delta waits for the usage chunk")
        let end = try AnthropicFixtures.namedEvents(String(decoding: encoder.feed("[DONE]"), as: UTF8.self))
        #expect(end.map(\.name) == ["message_delta", "message_stop"])
        #expect(end.first?.data["delta"]?["stop_reason"] == .string("max_tokens"))
        #expect(end.first?.data["usage"]?["output_tokens"] == .int(0))
        #expect(encoder.feed("[DONE]").isEmpty)
    }

    @Test func errorsMidStreamBecomeAnErrorEvent() throws {
        var encoder = AnthropicStreamEncoder(requestedModel: "m")
        _ = encoder.feed(#"{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"#)
        let inBand = try AnthropicFixtures.namedEvents(
            String(
                decoding: encoder.feed(
                    #"{"error":{"message":"The provider's stream ended unexpectedly.","type":"api_error","param":null,"code":"upstream_stream_broken"}}"#
                ), as: UTF8.self))
        #expect(inBand.map(\.name) == ["error"])
        #expect(
            inBand.first?.data
                == .object([
                    "type": .string("error"),
                    "error": .object([
                        "type": .string("api_error"), "message": .string("The provider's stream ended unexpectedly."),
                    ]),
                ]))
        #expect(encoder.isFinished && encoder.feed("[DONE]").isEmpty)

        var other = AnthropicStreamEncoder(requestedModel: "m")
        let thrown = try AnthropicFixtures.namedEvents(String(decoding: other.error(.upstreamTimeout("p")), as: UTF8.self))
        #expect(thrown.first?.data["error"]?["type"] == .string("api_error"))
    }
}
