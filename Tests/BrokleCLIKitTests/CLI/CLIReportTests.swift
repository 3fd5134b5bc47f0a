@testable import BrokleCLIKit
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Synchronization
import Testing

/// `brokle cost report` and `brokle trace query` over seeded traces, on both databases.
@Suite struct CLIReportTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    func decimal(_ value: JSONValue?) -> Decimal {
        switch value {
        case .int(let number)?: Decimal(number)
        case .double(let number)?: Decimal(string: String(number)) ?? 0
        default: 0
        }
    }

    @Test(arguments: TestDatabase.available)
    func costReportGroupsAddUpToTheTotal(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, _ in
            #expect(try await brokle(["seed", "--profile", "demo", "--traces", "2000"], url).status == 0)
            let byModel = try await brokle(["cost", "report", "--since", "31d", "--group-by", "model"], url)
            #expect(byModel.status == 0)
            let lines = try byModel.lines()
            let total = try #require(lines.last?["total"])
            let groups = lines.dropLast()
            #expect(groups.count >= 8)
            let sum = groups.reduce(Decimal(0)) { $0 + decimal($1["cost_usd"]) }
            // JSON numbers pass through Double here; the report itself is exact to the nano-dollar.
            #expect(abs(NSDecimalNumber(decimal: sum - decimal(total["cost_usd"])).doubleValue) < 1e-6)
            #expect(groups.reduce(0) { $0 + ($1["requests"]?.intValue ?? 0) } == 2000)
            #expect(total["requests"] == .int(2000))

            let byDay = try await brokle(["cost", "report", "--since", "31d", "--group-by", "day", "--no-total"], url).lines()
            #expect(byDay.allSatisfy { $0["total"] == nil && $0["day"]?.stringValue?.count == 10 })
            let daySum = byDay.reduce(Decimal(0)) { $0 + decimal($1["cost_usd"]) }
            #expect(abs(NSDecimalNumber(decimal: daySum - sum).doubleValue) < 1e-6)

            let twoWays = try await brokle(
                ["cost", "report", "--group-by", "provider,hour", "--group-by", "org", "--project", "demo-co/chatbot"], url
            ).lines()
            #expect(
                twoWays.dropLast().allSatisfy {
                    $0["provider"] != nil && $0["hour"]?.stringValue?.hasSuffix(":00:00Z") == true && $0["org"] == .string("demo-co")
                })

            let table = try await brokle(["cost", "report", "--group-by", "model", "--format", "table"], url)
            #expect(table.stdout.hasPrefix("MODEL"))
            #expect(table.stdout.contains("TOTAL"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func failOverUSDGivesStatus10AfterTheReport(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, _ in
            _ = try await brokle(["seed", "--traces", "300"], url)
            let over = try await brokle(["cost", "report", "--fail-over-usd", "0.0001"], url)
            #expect(over.status == 10)
            #expect(try over.lines().last?["total"] != nil, "the report is still printed")
            #expect(try over.errorLine()?["error"]?["type"] == .string("budget_exceeded"))
            #expect(try await brokle(["cost", "report", "--fail-over-usd", "1000000"], url).status == 0)
        }
    }

    @Test(arguments: [
        (["cost", "report", "--group-by", "planet"], "unknown --group-by"),
        (["cost", "report", "--since", "yesterday"], "invalid --since"),
        (["cost", "report", "--since", "1d", "--until", "2d"], "is before --since"),
        (["trace", "query", "--env", "production"], "--env needs --project"),
        (["trace", "query", "--after", "not-a-cursor"], "invalid --after"),
        (["trace", "query", "--limit", "0"], "--limit"),
        (["cost", "report", "--fail-over-usd", "lots"], "--fail-over-usd"),
    ])
    func badFiltersAreUsageErrors(arguments: [String], message: String) async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        let result = try await BrokleBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(message) == true, "\(result.stderr)")
    }

    @Test(arguments: TestDatabase.available)
    func traceQueryFiltersAndPagesStably(kind: TestDatabase) async throws {
        try await kind.withMigrated { url, _ in
            _ = try await brokle(["seed", "--profile", "demo", "--traces", "1000"], url)
            let first = try await brokle(["trace", "query", "--limit", "7"], url).lines()
            #expect(first.count == 7)
            let times = first.compactMap { $0["started_at"]?.stringValue }
            #expect(times == times.sorted(by: >), "newest first")
            let cursor = try #require(first.last?["cursor"]?.stringValue)
            let second = try await brokle(["trace", "query", "--limit", "7", "--after", cursor], url).lines()
            #expect(second.count == 7)
            let firstIDs = Set(first.compactMap { $0["id"]?.stringValue })
            let secondIDs = Set(second.compactMap { $0["id"]?.stringValue })
            #expect(firstIDs.isDisjoint(with: secondIDs))
            let both = try await brokle(["trace", "query", "--limit", "14"], url).lines().compactMap { $0["id"]?.stringValue }
            #expect(both == (first + second).compactMap { $0["id"]?.stringValue })

            let ascending = try await brokle(["trace", "query", "--order", "asc", "--limit", "3"], url).lines().compactMap {
                $0["started_at"]?.stringValue
            }
            #expect(ascending == ascending.sorted())

            let fallbacks = try await brokle(["trace", "query", "--fallback", "--with-attempts", "--limit", "50"], url).lines()
            #expect(!fallbacks.isEmpty)
            #expect(
                fallbacks.allSatisfy { line in
                    guard case .array(let attempts)? = line["attempts_detail"] else { return false }
                    return line["fallback"] == .bool(true) && attempts.count == 2 && attempts.first?["status"] == .string("error")
                })
            let errors = try await brokle(
                ["trace", "query", "--status", "error", "--model", "gpt-4o-mini", "--project", "demo-co/search", "--env", "production"], url
            ).lines()
            #expect(
                errors.allSatisfy {
                    $0["status"] == .string("error") && $0["model"] == .string("gpt-4o-mini") && $0["env"] == .string("production")
                })
            let slow = try await brokle(["trace", "query", "--min-latency-ms", "5000", "--limit", "20"], url).lines()
            #expect(
                slow.allSatisfy {
                    ($0["latency_ms"].map { $0 == .int(0) ? 0 : NSDecimalNumber(decimal: decimal($0)).doubleValue } ?? 0) >= 5000
                })
        }
    }

    @Test func followPrintsTracesAsTheyLand() async throws {
        try await TestDatabase.sqlite.withMigrated { url, database in
            _ = try await brokle(["seed", "--traces", "10"], url)
            let process = Process()
            process.executableURL = BrokleBinary.url
            process.arguments = ["trace", "query", "--follow", "--log-level", "error"]
            process.environment = ["BROKLE_DATABASE_URL": url, "PATH": "/usr/bin:/bin"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let printed = Mutex<ContinuousClock.Instant?>(nil)
            let reading = Task {
                let line = try await offThePool { try output.fileHandleForReading.readLine() }
                printed.withLock { $0 = .now }
                return line
            }
            // A trace lands every 300 ms until one is printed: one that lands before the command has
            // looked at what already exists is rightly not new to it, and a slow start must not
            // leave the test waiting for ever.
            let generator = DemoTraces(
                profile: "follow", targets: [.init(organizationID: "o", projectID: "p", environmentID: "e", apiKeyID: "k")], now: Date())
            var landed: [String: ContinuousClock.Instant] = [:]
            while landed.count < 50, printed.withLock({ $0 }) == nil {
                var trace = generator.traces(landed.count..<landed.count + 1)[0]
                trace.startedAt = Date().addingTimeInterval(-1)
                trace.finishedAt = Date()
                try await TraceStore(database).insert([trace])
                landed[trace.id] = .now
                try await Task.sleep(for: .milliseconds(300))
            }
            process.terminate()  // also ends the read if nothing was printed
            let line = try await reading.value
            _ = try await process.waitForExit()
            let id = try #require(try JSONLine(String(decoding: line, as: UTF8.self))["id"]?.stringValue, "a trace was printed")
            #expect(landed[id] != nil, "only a new trace, not the seeded ones")
            if let at = landed[id], let seen = printed.withLock({ $0 }) {
                print("trace query --follow printed a new trace \(seen - at) after it landed")
            }
        }
    }
}
