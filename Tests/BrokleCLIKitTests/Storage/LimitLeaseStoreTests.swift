@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The shared counters on both databases: takes never pass the limit, dead leases are given back.
@Suite struct LimitLeaseStoreTests {
    static let scope = LimitScope(.project, "p1")

    @Test(arguments: TestDatabase.available)
    func concurrentTakesNeverPassTheLimit(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = LimitLeaseStore(database)
            let counter = LimitCounter(scope: Self.scope, kind: .usd, period: .month)
            let granted = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await store.take(
                            counter, limit: 1_000, wanted: 70, minimum: 70, instance: "i\(index % 3)", leaseFor: 60, now: Date()
                        ).granted
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(granted == 980, "14 takes of 70 fit in 1,000")
            let (nothing, retry) = try await store.take(
                counter, limit: 1_000, wanted: 70, minimum: 70, instance: "i0", leaseFor: 60, now: Date())
            #expect(nothing == 0 && (retry ?? 0) > 0, "not before the month ends")
            let held = try await database.sql.raw("SELECT CAST(sum(amount) AS BIGINT) AS n FROM limit_leases").first()?.decode(
                column: "n", as: Int64.self)
            #expect(held == 980)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeadInstancesLeaseIsGivenBack(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = LimitLeaseStore(database)
            let counter = LimitCounter(scope: Self.scope, kind: .concurrency)
            let now = Date()
            #expect(try await store.take(counter, limit: 2, wanted: 2, minimum: 1, instance: "dead", leaseFor: 1, now: now).granted == 2)
            #expect(try await store.take(counter, limit: 2, wanted: 1, minimum: 1, instance: "alive", leaseFor: 60, now: now).granted == 0)
            #expect(try await store.expire(now: now.addingTimeInterval(0.5)) == 0, "still within its lease")
            #expect(try await store.expire(now: now.addingTimeInterval(2)) == 1)
            #expect(try await store.take(counter, limit: 2, wanted: 1, minimum: 1, instance: "alive", leaseFor: 60, now: now).granted == 1)
            try await store.giveBack(counter, limit: 2, 1, instance: "alive", now: now)
            #expect(try await store.take(counter, limit: 2, wanted: 2, minimum: 2, instance: "alive", leaseFor: 60, now: now).granted == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func ratesTakeFromOneArrivalTime(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let store = LimitLeaseStore(database)
            let counter = LimitCounter(scope: Self.scope, kind: .rpm)
            let now = Date()
            #expect(try await store.take(counter, limit: 100, wanted: 60, minimum: 1, instance: "a", leaseFor: 60, now: now).granted == 60)
            #expect(try await store.take(counter, limit: 100, wanted: 60, minimum: 1, instance: "b", leaseFor: 60, now: now).granted == 40)
            let refused = try await store.take(counter, limit: 100, wanted: 1, minimum: 1, instance: "c", leaseFor: 60, now: now)
            #expect(refused.granted == 0 && (refused.retryAfter ?? 0) > 0.5 && (refused.retryAfter ?? 9) <= 0.61)
        }
    }
}
