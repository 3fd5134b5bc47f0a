@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `brokle trace show` over traces stored with content, on both databases: a stream served after a
/// fallback (two attempts) as one JSON object and as a conversation, a cut answer marked, an
/// unknown id a not_found error.
@Suite struct CLITraceShowTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    /// A streamed Anthropic request served by the second provider after the first failed, its
    /// answer assembled into one message — with a terminal escape sequence a client slipped in.
    static func streamWithFallback() -> TraceRecord {
        var trace = TraceStoreTests.fullAndEmpty()[0]
        trace.id = "req_stream_fallback"
        (trace.status, trace.httpStatus, trace.errorType, trace.errorMessage) = (.ok, 200, nil, nil)
        trace.endpoint = "messages"
        trace.identity = RequestIdentity(endUser: "alice", sessionID: "conv-9", tags: ["beta"], metadata: #"{"plan":"pro"}"#)
        trace.content = TraceContent(
            mode: .redacted,
            request: """
                {"model":"claude-sonnet-4","stream":true,"max_tokens":64,"system":"Be brief.",\
                "messages":[{"role":"user","content":"Say hi to <EMAIL_1> \\u001b[2J"}]}
                """,
            response: """
                {"content":[{"text":"Hi there!","type":"text"}],"role":"assistant","stop_reason":"end_turn","type":"message",\
                "usage":{"input_tokens":12,"output_tokens":3}}
                """)
        return trace
    }

    static func cutResponses() -> TraceRecord {
        var trace = TraceStoreTests.fullAndEmpty()[1]
        trace.id = "req_cut"
        trace.endpoint = "responses"
        let answer = #"{"object":"response","output":[{"type":"message","content":[{"type":"output_text","text":"Once upon a"#
        trace.content = TraceContent(
            mode: .full, request: #"{"model":"gpt-4o","input":"Tell me a story"}"#, response: answer, responseBytes: 50_000)
        return trace
    }

    @Test(arguments: TestDatabase.available)
    func showsAStreamServedAfterAFallback(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, database in
            #expect(try await TraceStore(database).insert([Self.streamWithFallback(), Self.cutResponses()]) == 2)

            let shown = try await brokle(["trace", "show", "req_stream_fallback"], url)
            #expect(shown.status == 0, "\(shown.stderr)")
            let trace = try #require(try shown.lines().first)
            #expect(trace["fallback"] == .bool(true) && trace["stream"] == .bool(true) && trace["attempts"] == .int(2))
            let attempts = try #require(trace["attempts_detail"]?.arrayValue)
            #expect(attempts.map { $0["status"] } == [.string("error"), .string("ok")])
            #expect(attempts.first?["error_message"] == .string("overloaded") && attempts.last?["cost_usd"] != .null)
            #expect(trace["cache_result"] == .string("hit_semantic") && trace["end_user"] == .string("alice"))
            let content = try #require(trace["content"])
            #expect(content["mode"] == .string("redacted"))
            #expect(content["request"]?["messages"]?.arrayValue?.first?["role"] == .string("user"), "a request that parses is JSON")
            #expect(content["response"]?["stop_reason"] == .string("end_turn"))
            #expect(content["request_truncated"] == .bool(false) && content["response_truncated"] == .bool(false))

            let table = try await brokle(["trace", "show", "req_stream_fallback", "--format", "table"], url)
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "TRACE       req_stream_fallback")
            #expect(lines.contains { $0.hasPrefix("SERVED      azure/gpt-4o-2024  ok (200)  after a fallback") })
            #expect(lines.contains { $0.hasPrefix("#  PROVIDER") })
            #expect(lines.contains { $0.hasPrefix("1  openai") && $0.contains("upstream_unavailable: overloaded") })
            let conversation = Array(lines.drop { !$0.hasPrefix("CONVERSATION") })
            #expect(
                conversation.prefix(7) == [
                    "CONVERSATION (redacted)", "system: Be brief.", #"user: Say hi to <EMAIL_1> \u{1B}[2J"#, "", "ANSWER",
                    "assistant: Hi there!", "",
                ])
            #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x1B }, "no escape sequence reaches the terminal")

            let cut = try #require(try await brokle(["trace", "show", "req_cut"], url).lines().first?["content"])
            #expect(cut["response"] == .string(Self.cutResponses().content!.response!), "a cut answer no longer parses: a string")
            #expect(cut["response_truncated"] == .bool(true) && cut["response_bytes"] == .int(50_000))
            let cutTable = try await brokle(["trace", "show", "req_cut", "--format", "table"], url).stdout
            #expect(cutTable.contains("user: Tell me a story") && cutTable.contains("ANSWER (response cut at"))

            let missing = try await brokle(["trace", "show", "req_nope"], url)
            #expect(missing.status == 6)
            #expect(missing.stdout.isEmpty)
            #expect(try missing.errorLine()?["error"]?["type"] == .string("not_found"))
        }
    }
}
