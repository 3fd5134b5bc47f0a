@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// The erasure path on both databases: exactly the target's traces lose their content and personal
/// fields, everything else (other traces, usage, cost, attempts) stays, in batches smaller than the
/// target so the cursor walks through several (and across two traces sharing an instant), and a
/// second run changes nothing.
@Suite struct TraceErasureTests {
    typealias Fixture = ErasureFixture

    /// Erases `target` with batches of 4, checks the tables against `matching`, then erases again.
    func check(
        _ kind: TestDatabase, contentOnly: Bool = false, cacheDeleted: Set<Int>? = [], _ target: (Fixture) -> ErasureTarget,
        matching: @escaping (Fixture, TraceRecord) -> Bool
    ) async throws {
        try await kind.withMigrated { _, database in
            let fixture = try await Fixture.make(database)
            let before = try await Fixture.stored(database)
            let totals = try await Fixture.totals(database)
            let cacheBefore = try await Fixture.cacheKeys(database)
            let erasure = TraceErasure(database, batchSize: 4)

            let counts = try await erasure.erase(target(fixture), contentOnly: contentOnly)
            let erased = fixture.traces.filter { matching(fixture, $0) }
            #expect(erased.count >= 4, "the target fills a batch at least")
            #expect(counts.contentsDeleted == erased.filter { $0.content != nil }.count)
            #expect(counts.tracesAnonymised == (contentOnly ? 0 : erased.filter { !$0.identity.isEmpty }.count))
            let after = try await Fixture.stored(database)
            #expect(after == fixture.expected(erasing: { matching(fixture, $0) }, contentOnly: contentOnly, from: before))
            #expect(try await Fixture.totals(database) == totals, "usage, cost, tokens and attempts stay as they were")
            // The end user's and tags' rollups moved to none with their traces.
            try await RollupInvariant.expectMatchesTheTraces(database)
            let gone = fixture.cacheEntries.enumerated().filter { cacheDeleted?.contains($0.offset) ?? false }.map(\.element.key)
            #expect(counts.cacheEntriesDeleted == cacheDeleted.map(\.count))
            #expect(try await Fixture.cacheKeys(database) == cacheBefore.subtracting(gone))

            let again = try await erasure.erase(target(fixture), contentOnly: contentOnly)
            #expect(again.tracesAnonymised == 0 && again.contentsDeleted == 0)
            #expect(again.cacheEntriesDeleted == cacheDeleted.map { _ in 0 })
            #expect((again.responsesDeleted ?? 0) == 0 && (again.limitCountersDeleted ?? 0) == 0)
            #expect(try await Fixture.stored(database) == after)
            // PostgreSQL: the touched days' partitions (the fixture's traces fall on some) are vacuumed.
            #expect(
                database.dialect == .sqlite
                    ? counts.days.isEmpty : counts.tracesAnonymised + counts.contentsDeleted == 0 || !counts.days.isEmpty)
            try await ErasureScrub(database).afterErasure(contentOnly: contentOnly, days: counts.days)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEndUserIsErasedInEveryOrganizationWithTheirCacheEntries(kind: TestDatabase) async throws {
        // Cache entries 0 and 3 are alice's (both in acme/web).
        try await check(kind, cacheDeleted: [0, 3], { _ in .endUser(Fixture.alice, organizationID: nil) }) { _, trace in
            trace.endUser == Fixture.alice
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOrganizationScopesTheEndUser(kind: TestDatabase) async throws {
        try await check(kind, cacheDeleted: [0, 3], { .endUser(Fixture.alice, organizationID: $0.tenants[0].organizationID) }) {
            fixture, trace in
            trace.endUser == Fixture.alice && trace.organizationID == fixture.tenants[0].organizationID
        }
        try await check(kind, cacheDeleted: [], { .endUser(Fixture.alice, organizationID: $0.tenants[2].organizationID) }) {
            fixture, trace in
            trace.endUser == Fixture.alice && trace.organizationID == fixture.tenants[2].organizationID
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionIsErasedButTheCacheDoesNotKnowSessions(kind: TestDatabase) async throws {
        try await check(kind, cacheDeleted: nil, { _ in .session("sess-1", organizationID: nil) }) { _, trace in
            trace.sessionID == "sess-1"
        }
        try await check(kind, cacheDeleted: nil, { .session("sess-3", organizationID: $0.tenants[2].organizationID) }) { fixture, trace in
            trace.sessionID == "sess-3" && trace.organizationID == fixture.tenants[2].organizationID
        }
    }

    @Test(arguments: TestDatabase.available)
    func contentOnlyKeepsThePersonalFields(kind: TestDatabase) async throws {
        try await check(kind, contentOnly: true, cacheDeleted: [1], { _ in .endUser(Fixture.bob, organizationID: nil) }) { _, trace in
            trace.endUser == Fixture.bob
        }
        try await check(kind, contentOnly: true, cacheDeleted: nil, { .key(id: $0.tenants[1].keyID) }) { fixture, trace in
            trace.apiKeyID == fixture.tenants[1].keyID
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKeyOrAProjectIsErasedWhole(kind: TestDatabase) async throws {
        try await check(kind, cacheDeleted: nil, { .key(id: $0.tenants[2].keyID) }) { fixture, trace in
            trace.apiKeyID == fixture.tenants[2].keyID
        }
        try await check(
            kind, cacheDeleted: [1], { .project(id: $0.tenants[1].projectID, organizationID: $0.tenants[1].organizationID) }
        ) { fixture, trace in
            trace.projectID == fixture.tenants[1].projectID
        }
    }

    @Test(arguments: TestDatabase.available)
    func selectorsResolveByNameAndUnknownOnesAreNotFound(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let fixture = try await Fixture.make(database, count: 3)
            let acme = fixture.tenants[0]
            #expect(
                try await ErasureSelector.endUser("u", org: "acme").resolve(on: database)
                    == .endUser("u", organizationID: acme.organizationID))
            #expect(try await ErasureSelector.key(acme.keyPublicID).resolve(on: database) == .key(id: acme.keyID))
            #expect(try await ErasureSelector.key(acme.keyID).resolve(on: database) == .key(id: acme.keyID))
            #expect(
                try await ErasureSelector.project(try ProjectPath("acme/api")).resolve(on: database)
                    == .project(id: fixture.tenants[1].projectID, organizationID: acme.organizationID))
            for unknown: ErasureSelector in [.key("bk_nope"), .project(try ProjectPath("acme/nope")), .session("s", org: "nope")] {
                await #expect(throws: BrokleError.self) { _ = try await unknown.resolve(on: database) }
            }
        }
    }
}
