@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// `keys create` with limits: the key, its limits and its budget are one transaction.
@Suite struct KeyStoreLimitsTests {
    @Test(arguments: TestDatabase.available)
    func theKeyComesWithItsLimitsAndBudget(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await LimitStoreTests.tenancy(database)
            let environment = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
            let (key, _) = try await KeyStore(database).create(
                in: environment, name: "svc", expiresAt: nil, models: nil, limits: RateLimits(rpm: 60, concurrency: 2),
                budget: (.day, 5_000_000_000), by: .test)
            let scope = LimitScope(.key, key.id)
            #expect(try await LimitStore(database).get(scope)?.limit.limits == RateLimits(rpm: 60, concurrency: 2))
            let budgets = try await BudgetStore(database).get(scope)
            #expect(budgets.map(\.budget.period) == [.day] && budgets.first?.budget.limitNanoUSD == 5_000_000_000)
            #expect(budgets.first?.budget.organizationID == key.organizationID)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRefusedLimitLeavesNoKey(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await LimitStoreTests.tenancy(database)
            let environment = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
            let store = KeyStore(database)
            let before = try await store.list(.init()).count
            // The schema refuses a zero rate and a negative budget; the key must go with them.
            await #expect(throws: BrokleError.self) {
                try await store.create(
                    in: environment, name: "bad", expiresAt: nil, models: nil, limits: RateLimits(rpm: 10, tpm: 0), by: .test)
            }
            await #expect(throws: BrokleError.self) {
                try await store.create(
                    in: environment, name: "bad", expiresAt: nil, models: nil, limits: RateLimits(rpm: 10), budget: (.month, -1), by: .test)
            }
            #expect(try await store.list(.init()).count == before)
            #expect(try await LimitStore(database).list().isEmpty)
            #expect(try await BudgetStore(database).list().isEmpty)
        }
    }
}
