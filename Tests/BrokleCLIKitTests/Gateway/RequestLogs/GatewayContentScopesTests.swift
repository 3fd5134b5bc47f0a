@testable import BrokleCore
@testable import BrokleGateway
@testable import BrokleSettings
@testable import BrokleStorage
import Foundation
import Testing

/// Content kept as scopes say (`brokle logging set`, narrowest wins), redacted before it is
/// stored, and never the value a guardrail masked.
@Suite struct GatewayContentScopesTests {
    static let email = "jane.doe@example.com"
    static let card = "4111 1111 1111 1111"

    /// The SQLite file of `harness`'s database.
    static func sqlitePath(_ harness: GatewayHarness) async throws -> String {
        let rows = try await harness.database.sql.raw("PRAGMA database_list").all()
        let main = try rows.first { try $0.decode(column: "name", as: String.self) == "main" }
        return try #require(try main?.decode(column: "file", as: String.self))
    }

    static func count(_ harness: GatewayHarness, _ id: String) async throws -> Int {
        _ = try await harness.traces()
        await harness.gateway.traceWriter.flush()
        return try await harness.database.sql.raw("SELECT count(*) AS n FROM trace_contents WHERE trace_id = \(bind: id)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    @Test func redactedContentLeavesNoValueInTheDatabaseFile() async throws {
        try await GatewayContentCaptureTests.run(content: .redacted) { harness in
            let prompt = "Mail \(Self.email), card \(Self.card)"
            let whole = try await harness.call(
                "/v1/chat/completions", body: GatewayContentCaptureTests.chat(prompt), headers: ["x-brokle-request-id": "red-1"])
            #expect(whole.body.contains(Self.email), "the client's answer is not changed")
            _ = try await harness.call(
                "/v1/chat/completions", body: GatewayContentCaptureTests.chat(prompt, stream: true),
                headers: ["x-brokle-request-id": "red-2"])
            let kept = try #require(try await GatewayContentCaptureTests.content(harness, "red-1"))
            #expect(kept.mode == "redacted")
            #expect(kept.request.contains("[EMAIL]") && !kept.request.contains(Self.email) && !kept.request.contains(Self.card))
            #expect(kept.response?.contains("[EMAIL]") == true)
            #expect(kept.request.contains(#""role":"user""#), "keys and structure are kept")
            let stream = try #require(try await GatewayContentCaptureTests.content(harness, "red-2"))
            #expect(stream.response?.contains("[EMAIL]") == true)

            let path = try await Self.sqlitePath(harness)
            var bytes = Data()
            for file in [path, path + "-wal"] { bytes.append((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()) }
            #expect(bytes.count > 0)
            #expect(bytes.range(of: Data(Self.email.utf8)) == nil, "the email is nowhere in the file")
            #expect(bytes.range(of: Data(Self.card.utf8)) == nil, "the card number is nowhere in the file")
            #expect(bytes.range(of: Data("[EMAIL]".utf8)) != nil)
        }
    }

    @Test func aMaskedRequestIsStoredMasked() async throws {
        let policy = try JSONDecoder().decode(GuardrailPolicy.self, from: Data(#"{"input":{"email":"mask"},"restore":true}"#.utf8))
        try await GatewayContentCaptureTests.run(content: .full, guardrails: policy) { harness in
            let reply = try await harness.call(
                "/v1/chat/completions", body: GatewayContentCaptureTests.chat("Mail \(Self.email)"),
                headers: ["x-brokle-request-id": "masked-1"])
            #expect(reply.body.contains(Self.email), "restored for the client")
            let kept = try #require(try await GatewayContentCaptureTests.content(harness, "masked-1"))
            #expect(!kept.request.contains(Self.email) && kept.request.contains("[EMAIL_1]"))
        }
    }

    @Test func theNarrowestScopeThatSaysWins() async throws {
        try await GatewayContentCaptureTests.run(content: .off) { harness in
            let url = "sqlite:" + (try await Self.sqlitePath(harness))
            func brokle(_ arguments: [String]) async throws -> BrokleBinary.Result {
                try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
            }
            func send(_ id: String) async throws -> Int {
                await harness.gateway.logging.refresh(LoggingPolicyStore(harness.database))
                _ = try await harness.call(
                    "/v1/chat/completions", body: GatewayContentCaptureTests.chat("hi"), headers: ["x-brokle-request-id": id])
                return try await Self.count(harness, id)
            }
            #expect(try await send("p-0") == 0, "off by default")
            #expect(try await brokle(["logging", "set", "--org", "acme", "--content", "full"]).status == 0)
            #expect(try await send("p-1") == 1, "the organization turns it on")
            #expect(try await brokle(["logging", "set", "--env", "acme/web/production", "--content", "off"]).status == 0)
            #expect(try await send("p-2") == 0, "the environment overrides its organization")
            #expect(try await brokle(["logging", "set", "--project", "acme/web", "--content", "redacted"]).status == 0)
            #expect(try await send("p-3") == 0, "the environment overrides its project")
            #expect(try await brokle(["logging", "remove", "--env", "acme/web/production"]).status == 0)
            #expect(try await send("p-4") == 1)
            #expect(try await GatewayContentCaptureTests.content(harness, "p-4")?.mode == "redacted", "the project overrides the org")
        }
    }
}
