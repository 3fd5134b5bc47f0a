@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `brokle budgets` and `keys create` with limits, through the built binary, on both databases.
@Suite struct CLIBudgetsTests {
    func brokle(_ arguments: [String], _ url: String) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url])
    }

    @Test(arguments: TestDatabase.available)
    func budgetsShowWhatThePeriodUsed(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            _ = try await CLIFixture.acmeWithKey(url)
            let set = try await brokle(["budgets", "set", "--org", "acme", "--usd", "500", "--period", "month"], url)
            #expect(set.status == 0, "\(set.stderr)")
            let row = try #require(try set.lines().first)
            #expect(row["scope"] == .string("organization") && row["path"] == .string("acme") && row["period"] == .string("month"))
            #expect(row["limit_usd"] == .int(500) && row["spent_usd"] == .int(0) && row["remaining_usd"] == .int(500))
            let start = BudgetPeriod.month.start(containing: Date())
            #expect(row["period_start"] == .string(RFC3339.string(from: start)))
            #expect(row["period_end"] == .string(RFC3339.string(from: BudgetPeriod.month.end(ofPeriodStarting: start))))

            // Spend and a live reservation, as the gateway would leave them.
            let budget = try #require(try await BudgetStore(database).list().first?.budget)
            let counter = budget.counter(at: Date()).name
            let later = Date().addingTimeInterval(3600)
            try await database.sql.raw(
                "INSERT INTO limit_counters (counter, level, expires_at) VALUES (\(bind: counter), 125000000000, \(bind: later))"
            ).run()
            try await database.sql.raw(
                "INSERT INTO limit_leases (instance_id, counter, amount, expires_at) VALUES ('i1', \(bind: counter), 25000000000, \(bind: later))"
            ).run()
            let kept = try await brokle(["budgets", "set", "--org", "acme", "--usd", "1", "--period", "month", "--if-not-exists"], url)
            #expect(try kept.lines().first?["limit_usd"] == .int(500))
            let shown = try #require(try await brokle(["budgets", "show", "--org", "acme"], url).lines().first)
            #expect(shown["spent_usd"] == .int(100) && shown["reserved_usd"] == .int(25) && shown["remaining_usd"] == .int(375))

            #expect(
                try await brokle(["budgets", "set", "--env", "acme/web/production", "--usd", "0.05", "--period", "day"], url).status == 0)
            let list = try await brokle(["budgets", "list"], url).lines()
            #expect(list.map { $0["path"]?.stringValue } == ["acme", "acme/web/production"])
            #expect(list[1]["limit_usd"]?.doubleValue == 0.05)
            let table = try await brokle(["budgets", "list", "--format", "table"], url)
            #expect(table.stdout.hasPrefix("SCOPE") && table.stdout.contains("REMAINING_USD") && table.stdout.contains("0.05"))

            let removed = try await brokle(["budgets", "remove", "--env", "acme/web/production", "--period", "day"], url).lines()
            #expect(removed.first?["period"] == .string("day"))
            #expect(try await brokle(["budgets", "show", "--env", "acme/web/production"], url).status == 6)
            #expect(try await brokle(["budgets", "remove", "--org", "acme", "--period", "week"], url).status == 6)
        }
    }

    @Test(arguments: TestDatabase.available)
    func keysCreateTakesLimitsAndABudget(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            _ = try await CLIFixture.acmeWithKey(url)
            let created = try await brokle(
                [
                    "keys", "create", "--project", "acme/web", "--env", "production", "--name", "svc", "--rpm", "60",
                    "--concurrency", "2", "--budget-usd", "5", "--budget-period", "day",
                ], url)
            #expect(created.status == 0, "\(created.stderr)")
            let line = try #require(try created.lines().first)
            let limits = try #require(line["limits"])
            #expect(limits["rpm"] == .int(60) && limits["tpm"] == .null && limits["concurrency"] == .int(2))
            #expect(limits["budget_usd"] == .int(5) && limits["budget_period"] == .string("day"))
            let id = try #require(line["public_id"]?.stringValue)
            #expect(try await brokle(["limits", "show", "--key", id], url).lines().first?["rpm"] == .int(60))
            #expect(try await brokle(["budgets", "show", "--key", id], url).lines().first?["limit_usd"] == .int(5))
            let reused = try await brokle(
                ["keys", "create", "--project", "acme/web", "--env", "production", "--name", "svc", "--if-not-exists"], url)
            #expect(try reused.lines().first?["limits"]?["rpm"] == .int(60))

            // Bad limits are refused before anything is written: no key.
            let before = try await brokle(["keys", "list"], url).lines().count
            for bad in [["--rpm", "0"], ["--budget-usd", "abc", "--budget-period", "day"], ["--budget-usd", "5"]] {
                let refused = try await brokle(["keys", "create", "--project", "acme/web", "--env", "production"] + bad, url)
                #expect(refused.status == 2, "\(bad): \(refused.stderr)")
            }
            #expect(try await brokle(["keys", "list"], url).lines().count == before)
        }
    }
}
