@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct BudgetStoreTests {
    @Test(arguments: TestDatabase.available)
    func setReplacesOrKeepsWithIfNotExists(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = BudgetStore(database)
            let (month, created) = try await store.set(
                scopes.org, period: .month, limitNanoUSD: 500_000_000_000, ifNotExists: false, by: .test)
            #expect(created && month.budget.limitNanoUSD == 500_000_000_000 && month.path.text == "acme")
            let (kept, createdAgain) = try await store.set(scopes.org, period: .month, limitNanoUSD: 1, ifNotExists: true, by: .test)
            #expect(!createdAgain && kept.budget.limitNanoUSD == 500_000_000_000)
            let (replaced, _) = try await store.set(scopes.org, period: .month, limitNanoUSD: 7, ifNotExists: false, by: .test)
            #expect(replaced.budget.limitNanoUSD == 7)
            _ = try await store.set(scopes.org, period: .day, limitNanoUSD: 3, ifNotExists: false, by: .test)
            #expect(try await store.get(scopes.org.scope).map(\.budget.period) == [.day, .month])
            #expect(try await store.get(scopes.org.scope, period: .week).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func listAndRemoveByPeriod(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = BudgetStore(database)
            for period in BudgetPeriod.allCases {
                _ = try await store.set(scopes.key, period: period, limitNanoUSD: 10, ifNotExists: false, by: .test)
            }
            _ = try await store.set(scopes.project, period: .week, limitNanoUSD: 10, ifNotExists: false, by: .test)
            #expect(
                try await store.list().map { "\($0.path.kind.rawValue)/\($0.budget.period.rawValue)" } == [
                    "project/week", "key/day", "key/week", "key/month",
                ])
            #expect(try await store.remove(scopes.key, period: .week, by: .test).map(\.budget.period) == [.week])
            await #expect { try await store.remove(scopes.key, period: .week, by: .test) } throws: {
                ($0 as? BrokleError)?.kind == .notFound
            }
            #expect(try await store.remove(scopes.key, by: .test).map(\.budget.period) == [.day, .month])
            #expect(try await store.list(organizationID: scopes.org.organizationID).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func usageComesFromTheCounterAndLiveLeases(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = BudgetStore(database)
            let now = Date()
            let (entry, _) = try await store.set(scopes.project, period: .month, limitNanoUSD: 1_000_000, ifNotExists: false, by: .test)
            let (day, _) = try await store.set(scopes.project, period: .day, limitNanoUSD: 100, ifNotExists: false, by: .test)

            // No counter row yet: nothing taken.
            let fresh = try #require(try await store.usage(of: [entry], at: now)[0])
            #expect(fresh.spentNanoUSD == 0 && fresh.reservedNanoUSD == 0 && fresh.remainingNanoUSD == 1_000_000)

            let counter = entry.budget.counter(at: now).name
            let later = now.addingTimeInterval(3600)
            let earlier = now.addingTimeInterval(-1)
            try await database.sql.raw(
                "INSERT INTO limit_counters (counter, level, expires_at) VALUES (\(bind: counter), 700000, \(bind: later))"
            ).run()
            for (instance, amount, expires) in [("a", 150_000, later), ("b", 50_000, later), ("dead", 90_000, earlier)] {
                try await database.sql.raw(
                    "INSERT INTO limit_leases (instance_id, counter, amount, expires_at) VALUES (\(bind: instance), \(bind: counter), \(bind: amount), \(bind: expires))"
                ).run()
            }
            // A lease on another counter does not count.
            try await database.sql.raw(
                "INSERT INTO limit_leases (instance_id, counter, amount, expires_at) VALUES ('a', 'project:x:usd:month:2026-01-01', 5, \(bind: later))"
            ).run()
            let usages = try await store.usage(of: [entry, day], at: now).compactMap { $0 }
            #expect(usages[0].reservedNanoUSD == 200_000)
            #expect(usages[0].spentNanoUSD == 500_000)
            #expect(usages[0].remainingNanoUSD == 300_000)
            #expect(usages[0].periodStart == BudgetPeriod.month.start(containing: now))
            #expect(usages[1].spentNanoUSD == 0 && usages[1].remainingNanoUSD == 100)

            // Past its limit: nothing remains, spend shows in full.
            try await database.sql.raw("UPDATE limit_counters SET level = 1500000 WHERE counter = \(bind: counter)").run()
            let over = try #require(try await store.usage(of: [entry], at: now)[0])
            #expect(over.remainingNanoUSD == 0 && over.spentNanoUSD == 1_300_000)
        }
    }
}
