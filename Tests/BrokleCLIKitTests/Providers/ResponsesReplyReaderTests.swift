@testable import BrokleCore
@testable import BrokleProviders
import NIOCore
import Testing

/// What the gateway reads from an answer that is already in the Responses format.
@Suite struct ResponsesReplyReaderTests {
    static let response = #"""
        {"id":"resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41","object":"response","created_at":1741476777,
         "status":"completed","error":null,"incomplete_details":null,"model":"gpt-4o-2024-08-06",
         "output":[{"type":"message","id":"msg_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41","status":"completed","role":"assistant",
           "content":[{"type":"output_text","text":"The usage is {\"input_tokens\": 1}","annotations":[]}]}],
         "usage":{"input_tokens":328,"input_tokens_details":{"cached_tokens":128,"cache_write_tokens":64},"output_tokens":52,
           "output_tokens_details":{"reasoning_tokens":20},"total_tokens":380}}
        """#

    @Test func aWholeResponseGivesUsageModelAndStatus() {
        let reader = ResponsesReplyReader()
        #expect(reader.format == .openAIResponses)
        let summary = reader.summary(of: ByteBuffer(string: Self.response))
        #expect(
            summary
                == ReplySummary(
                    usage: TokenUsage(input: 328, output: 52, cachedInput: 128, cacheWrite: 64, reasoning: 20),
                    modelServed: "gpt-4o-2024-08-06",
                    finishReason: "completed"))
        #expect(reader.summary(of: ByteBuffer(string: "not json")) == ReplySummary())
    }

    @Test func aStreamReportsContentAndTheFinalUsage() throws {
        var reader = ResponsesReplyReader()
        let created = try reader.read(
            #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","usage":null}}"#)
        #expect(created == StreamEventReading(name: "response.created", isContent: false))
        let delta = try reader.read(
            #"{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","sequence_number":4}"#)
        #expect(delta == StreamEventReading(name: "response.output_text.delta", isContent: true))
        let arguments = try reader.read(
            #"{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"{","sequence_number":5}"#)
        #expect(arguments.isContent)
        #expect(throws: GatewayError.self) { try reader.finish() }
        let completed = try reader.read(#"{"type":"response.completed","sequence_number":9,"response":\#(Self.response)}"#)
        #expect(
            completed
                == StreamEventReading(
                    name: "response.completed", usage: TokenUsage(input: 328, output: 52, cachedInput: 128, cacheWrite: 64, reasoning: 20),
                    isContent: false,
                    finishReason: "completed"))
        try reader.finish()
    }

    @Test func anIncompleteResponseEndsTheStreamToo() throws {
        var reader = ResponsesReplyReader()
        let incomplete = try reader.read(
            #"{"type":"response.incomplete","sequence_number":3,"response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":16}}}"#
        )
        #expect(incomplete.usage == TokenUsage(input: 5, output: 16) && incomplete.finishReason == "incomplete")
        try reader.finish()
    }

    @Test func reportedFailuresAreErrorsAndACutStreamThrows() throws {
        var reader = ResponsesReplyReader()
        let error = try reader.read(
            #"{"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null,"sequence_number":2}"#)
        #expect(error.reportedError == .upstreamStreamError(code: "rate_limit_exceeded", message: "Slow down."))
        #expect(throws: GatewayError.upstreamStreamBroken("The provider's stream ended before the response was complete.")) {
            try reader.finish()
        }
        let failed = try reader.read(
            #"{"type":"response.failed","sequence_number":3,"response":{"status":"failed","error":{"code":"server_error","message":"The model failed."},"usage":null}}"#
        )
        #expect(failed.reportedError == .upstreamStreamError(code: "server_error", message: "The model failed."))
        try reader.finish()
        #expect(throws: GatewayError.self) { try reader.read("data that is not JSON") }
        #expect(throws: GatewayError.self) { try reader.read(#"{"sequence_number":1}"#) }
    }
}
