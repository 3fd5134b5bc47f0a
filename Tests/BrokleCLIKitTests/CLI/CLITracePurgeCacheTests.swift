@testable import BrokleStorage
import AsyncHTTPClient
import Foundation
import NIOCore
import SQLKit
import Testing

/// `brokle trace purge --user` beside a running `brokle proxy`: the answer cached for that end user
/// is deleted with their traces, and the next identical request is a miss.
@Suite struct CLITracePurgeCacheTests {
    typealias RunningProxy = CLIProxyTests.RunningProxy

    static let yaml = """
        providers:
          mock: { kind: mock, mode: echo }
        models:
          cached-chat: { provider: mock, model: mock-chat, cache: { mode: exact, ttl: 10m } }
        """

    /// Asks `prompt` as `user` (no end user when nil); returns the x-brokle-cache header.
    static func ask(_ proxy: RunningProxy, _ prompt: String, user: String?) async throws -> String? {
        var request = HTTPClientRequest(url: proxy.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        if let user { request.headers.add(name: "x-brokle-user", value: user) }
        request.body = .bytes(ByteBuffer(string: #"{"model":"cached-chat","messages":[{"role":"user","content":"\#(prompt)"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status == .ok)
        return response.headers.first(name: "x-brokle-cache")
    }

    /// Polls `query` (a count) until it is `expected`, within 10 s.
    static func waitFor(_ expected: Int, _ query: String, _ database: Database) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(10)
        var count = -1
        repeat {
            count = try await database.count(SQLQueryString(query))
        } while count != expected && ContinuousClock.now < deadline
        return count
    }

    @Test(.timeLimit(.minutes(2)))
    func anEndUsersCachedAnswerIsPurged() async throws {
        // Refresh 0: the proxy reads the database on every lookup, so a purge shows at once.
        let proxy = try await RunningProxy(environment: ["BROKLE_CACHE_REFRESH": "0"], yaml: Self.yaml)
        let database = try await Database.connect(
            .sqlite(path: proxy.folder.appendingPathComponent("brokle.db").path), logger: TestDatabase.logger)
        #expect(try await Self.ask(proxy, "what is my balance?", user: "u1") == "miss")
        #expect(try await Self.ask(proxy, "what is the weather?", user: nil) == "miss")
        // Stored with the next write batch, with the end user it was asked for.
        #expect(try await Self.waitFor(1, "SELECT count(*) AS n FROM cache_entries WHERE end_user = 'u1'", database) == 1)
        #expect(try await Self.waitFor(1, "SELECT count(*) AS n FROM cache_entries WHERE end_user IS NULL", database) == 1)
        #expect(try await Self.ask(proxy, "what is my balance?", user: "u1") == "hit-exact")
        #expect(try await Self.waitFor(2, "SELECT count(*) AS n FROM traces WHERE end_user = 'u1'", database) == 2)

        let purged = try await BrokleBinary.run(["trace", "purge", "--user", "u1", "--yes"], in: proxy.folder)
        #expect(purged.status == 0, "\(purged.stderr)")
        let lines = try purged.lines()
        #expect(lines.first { $0["table"] == .string("cache_entries") }?["rows"] == .int(1))
        #expect(lines.first { $0["table"] == .string("traces") }?["rows"] == .int(2))
        #expect(try await database.count("SELECT count(*) AS n FROM cache_entries WHERE end_user = 'u1'") == 0)
        #expect(try await database.count("SELECT count(*) AS n FROM cache_entries") == 1, "the anonymous answer stays")
        #expect(try await Self.ask(proxy, "what is my balance?", user: "u1") == "miss")
        await database.close()
        #expect(try await proxy.stop() == 0)
    }
}
