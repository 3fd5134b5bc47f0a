@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// `orgs members add` within the plan's member limit, also when adds race.
@Suite struct MemberPlanLimitTests {
    @Test(arguments: TestDatabase.available)
    func theSixthMemberOfAFreeOrganizationIsRefused(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            let store = MemberStore(database)
            for index in 1...5 {
                _ = try await store.add(
                    org: "acme", email: "m\(index)@acme.test", name: nil, role: .developer, ifNotExists: false, by: .test)
            }
            await #expect {
                try await store.add(org: "acme", email: "m6@acme.test", name: nil, role: .viewer, ifNotExists: false, by: .test)
            } throws: { error in
                (error as? BrokleError)?.kind == .conflict
                    && (error as? BrokleError)?.message == "acme is on the free plan, which allows 5 members (5 now)"
            }
            // A member already there is still reused when full.
            #expect(
                try await store.add(org: "acme", email: "m1@acme.test", name: nil, role: .viewer, ifNotExists: true, by: .test).created
                    == false)
            // A larger table (brokle.yaml's plans:) lets the sixth in.
            var quotas = PlanQuota.shipped
            quotas[.free]?.members = 6
            #expect(
                try await store.add(
                    org: "acme", email: "m6@acme.test", name: nil, role: .viewer, ifNotExists: false, quotas: quotas, by: .test
                )
                .created)
            _ = try await OrganizationStore(database).update("acme", name: nil, plan: .business, newSlug: nil, by: .test)
            #expect(
                try await store.add(org: "acme", email: "m7@acme.test", name: nil, role: .viewer, ifNotExists: false, by: .test).created)
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentAddsCannotBothTakeTheLastSeat(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            for index in 1...4 {
                _ = try await MemberStore(database).add(
                    org: "acme", email: "m\(index)@acme.test", name: nil, role: .developer, ifNotExists: false, by: .test)
            }
            // A pool each on PostgreSQL; SQLite's one connection takes its transactions in turn.
            let added = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let other =
                            db == .postgres
                            ? try await Database.connect(try DatabaseURL(parsing: url), logger: TestDatabase.logger) : database
                        var outcome: BrokleError?
                        do throws(BrokleError) {
                            _ = try await MemberStore(other).add(
                                org: "acme", email: "new\(index)@acme.test", name: nil, role: .viewer, ifNotExists: false, by: .test)
                        } catch {
                            outcome = error
                        }
                        if db == .postgres { await other.close() }
                        if let outcome, outcome.kind != .conflict { throw outcome }
                        return outcome == nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(added == 1)
            #expect(try await MemberStore(database).list(org: "acme").count == 5)
        }
    }
}
