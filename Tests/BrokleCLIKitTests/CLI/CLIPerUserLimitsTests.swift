@testable import BrokleCore
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Limits and budgets on each end user of an environment (`--per-user`): set with the CLI, enforced
/// by the gateway per end user, across instances on PostgreSQL.
@Suite(.serialized) struct CLIPerUserLimitsTests {
    typealias RunningProxy = CLIProxyTests.RunningProxy

    static func chat(_ proxy: RunningProxy, user: String?, header: Bool = true) async throws -> (status: Int, body: String) {
        let root = String(proxy.baseURL.dropLast("/v1".count))
        var request = HTTPClientRequest(url: root + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(proxy.key)")
        var body = #"{"model":"mock-chat","messages":[{"role":"user","content":"hi"}]"#
        if let user {
            if header { request.headers.add(name: "x-brokle-user", value: user) } else { body += #","user":"\#(user)""# }
        }
        request.body = .bytes(ByteBuffer(string: body + "}"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test(.timeLimit(.minutes(2)))
    func eachEndUserHasItsOwnLimitAndRequestsWithoutOneAreNotCounted() async throws {
        let proxy = try await RunningProxy(environment: ["BROKLE_LIMIT_REFRESH": "0.3"], yaml: CLILimitEnforcementTests.yaml)
        do {
            let set = try await BrokleBinary.run(
                ["limits", "set", "--env", "acme/web/production", "--per-user", "--rpm", "3", "--log-level", "error"],
                environment: proxy.environment, in: proxy.folder)
            #expect(set.status == 0, "\(set.stderr)")
            let row = try #require(try set.lines().first)
            #expect(row["scope"] == .string("end_user") && row["path"] == .string("acme/web/production") && row["rpm"] == .int(3))
            try await CLILimitEnforcementTests.waitForRules([proxy], rates: 1)

            var alice: [Int] = []
            for _ in 0..<4 { alice.append(try await Self.chat(proxy, user: "alice").status) }
            #expect(alice == [200, 200, 200, 429])
            let refused = try await Self.chat(proxy, user: "alice", header: false)
            #expect(refused.status == 429 && refused.body.contains("end user of environment acme/web/production"))
            #expect(!refused.body.contains("alice"))
            // Another end user (named by the body's `user` field) and requests naming none are not held back.
            #expect(try await Self.chat(proxy, user: "bob", header: false).status == 200)
            for _ in 0..<5 { #expect(try await Self.chat(proxy, user: nil).status == 200) }

            let list = try await BrokleBinary.run(["limits", "list"], environment: proxy.environment, in: proxy.folder).lines()
            #expect(list.contains { $0["scope"] == .string("end_user") && $0["env"] == .string("production") })
            let removed = try await BrokleBinary.run(
                ["limits", "remove", "--env", "acme/web/production", "--per-user"], environment: proxy.environment, in: proxy.folder)
            let removedRow = try removed.lines().first
            #expect(removed.status == 0 && removedRow?["rpm"] == .int(3))
        } catch {
            _ = try? await proxy.stop()
            throw error
        }
        #expect(try await proxy.stop() == 0)
    }

    @Test func perUserGoesWithAnEnvironmentOnly() async throws {
        for arguments in [
            ["limits", "set", "--project", "acme/web", "--per-user", "--rpm", "3"],
            ["budgets", "show", "--project", "acme/web", "--user", "u"],
            ["budgets", "show", "--env", "acme/web/production", "--user", "u"],
        ] {
            let result = try await BrokleBinary.run(arguments, environment: ["BROKLE_DATABASE_URL": "sqlite::memory:"])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPerUserBudgetShowsOneEndUsersUse(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            _ = try await CLIFixture.acmeWithKey(url)
            let environment = ["BROKLE_DATABASE_URL": url]
            let set = try await BrokleBinary.run(
                ["budgets", "set", "--env", "acme/web/production", "--per-user", "--usd", "2", "--period", "day"], environment: environment)
            #expect(set.status == 0, "\(set.stderr)")
            let setRow = try set.lines().first
            #expect(setRow?["spent_usd"] == .null && setRow?["scope"] == .string("end_user"))
            // What the gateway's counter for alice holds today (nano-USD).
            let rule = try #require(
                try await database.sql.raw("SELECT scope_id FROM budgets WHERE scope_kind = 'end_user'").first()?.decode(
                    column: "scope_id", as: String.self))
            let counter = LimitCounter(
                scope: LimitScope.endUser(environmentID: rule, user: "alice"), kind: .usd, period: .day, at: Date()
            ).name
            try await database.sql.raw(
                "INSERT INTO limit_counters (counter, level, expires_at) VALUES (\(bind: counter), 500000000, \(bind: Date().addingTimeInterval(86_400)))"
            ).run()
            let alice = try await BrokleBinary.run(
                ["budgets", "show", "--env", "acme/web/production", "--per-user", "--user", "alice"], environment: environment
            ).lines()
            #expect(alice.first?["end_user"] == .string("alice") && alice.first?["spent_usd"] == .double(0.5))
            #expect(alice.first?["remaining_usd"] == .double(1.5))
            let bob = try await BrokleBinary.run(
                ["budgets", "show", "--env", "acme/web/production", "--per-user", "--user", "bob"], environment: environment
            ).lines()
            #expect(bob.first?["spent_usd"] == .int(0) && bob.first?["remaining_usd"] == .int(2))
        }
    }

    @Test(.enabled(if: TestDatabase.postgresAdminURL != nil), .timeLimit(.minutes(3)))
    func twoInstancesShareEachEndUsersLimit() async throws {
        try await TestDatabase.postgres.withFresh { url, _ in
            let environment = ["BROKLE_DATABASE_URL": url, "BROKLE_LIMIT_REFRESH": "0.3"]
            let first = try await RunningProxy(environment: environment, yaml: CLILimitEnforcementTests.yaml)
            let second = try await RunningProxy(environment: environment, folder: first.folder, seed: false)
            second.key = first.key
            let proxies = [first, second]
            do {
                let set = try await BrokleBinary.run(
                    ["limits", "set", "--env", "acme/web/production", "--per-user", "--rpm", "6", "--log-level", "error"],
                    environment: environment, in: first.folder)
                #expect(set.status == 0, "\(set.stderr)")
                try await CLILimitEnforcementTests.waitForRules(proxies, rates: 1)
                var admitted = 0
                for index in 0..<20 where try await Self.chat(proxies[index % 2], user: "carol").status == 200 { admitted += 1 }
                // GCRA never admits past the limit (6 at once, then one every 10 s); capacity one
                // instance holds and the other cannot use is the price (at most a slice).
                #expect(admitted <= 7 && admitted >= 3, "admitted \(admitted) of 20 for one end user over two instances")
                #expect(try await Self.chat(second, user: "dave").status == 200)
            } catch {
                for proxy in proxies { _ = try? await proxy.stop() }
                throw error
            }
            for proxy in proxies { #expect(try await proxy.stop() == 0) }
        }
    }
}
