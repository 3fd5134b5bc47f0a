@testable import BrokleCLIKit
@testable import BrokleCore
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// End user, session, tags and metadata from a client's headers through a running proxy and a
/// local upstream, then read back with `trace query`, `cost report --group-by user` and
/// `trace show`, on both databases.
@Suite struct CLIRequestIdentityTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    /// One chat request with `headers`; returns its x-brokle-request-id.
    func chat(_ proxy: CLIProxyTests.RunningProxy, _ headers: [(String, String)], user: String? = nil) async throws -> String {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let field = user.map { #","user":"\#($0)""# } ?? ""
        request.body = .bytes(ByteBuffer(string: #"{"model":"up-chat","messages":[{"role":"user","content":"hello"}]\#(field)}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 200)
        return try #require(response.headers.first(name: "x-brokle-request-id"))
    }

    @Test(arguments: TestDatabase.available)
    func identityHeadersAreFilteredGroupedAndShown(kind: TestDatabase) async throws {
        try await kind.withFresh { url, _ in
            try await LocalServers.run(FakeUpstream().router()) { port in
                let yaml = """
                    providers:
                      up: { kind: openai, base_url: "http://127.0.0.1:\(port)/v1", api_key: \(FakeUpstream.providerKey) }
                    models:
                      up-chat: { provider: up, model: gpt-4o-mini }
                    """
                let proxy = try await CLIProxyTests.RunningProxy(environment: ["BROKLE_DATABASE_URL": url], yaml: yaml)
                let first = try await chat(
                    proxy,
                    [
                        ("x-brokle-user", "alice"), ("x-brokle-session", "conv-1"), ("x-brokle-tags", "beta, chat"),
                        ("x-brokle-metadata", #"{"plan":"pro","seats":3,"trial":false}"#),
                    ])
                let second = try await chat(proxy, [("x-brokle-user", "alice"), ("x-brokle-session", "conv-1"), ("x-brokle-tags", "chat")])
                _ = try await chat(proxy, [("x-brokle-tags", "beta")], user: "carol")
                _ = try await chat(proxy, [])
                #expect(try await proxy.stop() == 0, "a graceful stop writes every trace")

                let matched = try await brokle(
                    ["trace", "query", "--user", "alice", "--tag", "beta", "--meta", "plan=pro", "--meta", "seats=3"], url)
                #expect(matched.status == 0, "\(matched.stderr)")
                let line = try #require(try matched.lines().first)
                #expect(try matched.lines().count == 1)
                #expect(line["id"] == .string(first))
                #expect(line["end_user"] == .string("alice") && line["session_id"] == .string("conv-1"))
                #expect(line["tags"] == .array([.string("beta"), .string("chat")]))
                #expect(line["metadata"]?["plan"] == .string("pro") && line["metadata"]?["trial"] == .bool(false))
                #expect(try await brokle(["trace", "query", "--user", "alice", "--meta", "trial=false"], url).lines().count == 1)
                #expect(try await brokle(["trace", "query", "--tag", "beta", "--tag", "nope"], url).lines().isEmpty)

                let conversation = try await brokle(["trace", "query", "--session", "conv-1"], url).lines()
                #expect(conversation.compactMap { $0["id"]?.stringValue } == [first, second], "a session lists oldest first")
                let carol = try await brokle(["trace", "query", "--user", "carol"], url).lines()
                #expect(carol.count == 1 && carol.first?["tags"] == .array([.string("beta")]), "the OpenAI user field names the end user")
                let anonymous = try await brokle(["trace", "query", "--limit", "10"], url).lines().filter { $0["end_user"] == nil }
                #expect(anonymous.count == 1 && anonymous.allSatisfy { $0["tags"] == nil && $0["metadata"] == nil })

                let byUser = try await brokle(["cost", "report", "--group-by", "user"], url)
                #expect(byUser.status == 0, "\(byUser.stderr)")
                let groups = try byUser.lines()
                #expect(groups.dropLast().map { $0["user"] } == [.string("alice"), .string("carol"), .null])
                #expect(groups.dropLast().map { $0["requests"] } == [.int(2), .int(1), .int(1)])
                #expect(groups.last?["total"]?["requests"] == .int(4) && groups.last?["complete"] == .bool(true))
                let byTag = try await brokle(["cost", "report", "--group-by", "tag", "--no-total"], url).lines()
                #expect(byTag.map { $0["tag"] } == [.string("beta"), .string("chat"), .null])
                #expect(byTag.map { $0["requests"] } == [.int(2), .int(2), .int(1)], "a request with two tags counts in both")

                let shown = try await brokle(["trace", "show", first], url)
                #expect(shown.status == 0, "\(shown.stderr)")
                let trace = try #require(try shown.lines().first)
                #expect(try shown.lines().count == 1)
                #expect(trace["id"] == .string(first) && trace["end_user"] == .string("alice") && trace["content"] == .null)
                #expect(trace["attempts_detail"]?.arrayValue?.count == 1 && trace["cursor"] == nil)
                let table = try await brokle(["trace", "show", first, "--format", "table"], url)
                #expect(table.stdout.contains("END USER    alice") && table.stdout.contains("TAGS        beta, chat"), "\(table.stdout)")
                #expect(table.stdout.contains("CONTENT     not captured"))
            }
        }
    }
}
