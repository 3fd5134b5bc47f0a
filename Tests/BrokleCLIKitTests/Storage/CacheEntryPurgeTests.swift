@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

/// `cache purge` deletes exactly what its filters match, and says how much, on both databases.
@Suite struct CacheEntryPurgeTests {
    func remaining(_ database: Database) async throws -> Set<String> {
        Set(
            try await database.sql.raw("SELECT \(ident: "key") FROM cache_entries").all().map {
                try $0.decode(column: "key", as: String.self)
            })
    }

    @Test(arguments: TestDatabase.available)
    func filtersOlderThanAndExpired(kind: TestDatabase) async throws {
        try await kind.withMigrated { _, database in
            let fixture = try await CacheFixture.make(database)
            let purge = CacheEntryPurge(database)
            var left = fixture.entries

            func expectPurged(_ filter: CacheEntryFilter, _ matches: (CacheFixture.Entry) -> Bool) async throws {
                let gone = left.filter(matches)
                #expect(try await purge.purge(filter, by: .test) == .init(purged: gone.count, bytes: gone.reduce(0) { $0 + $1.bytes }))
                left.removeAll(where: matches)
                #expect(try await remaining(database) == Set(left.map(\.key)))
            }

            var expired = CacheEntryFilter()
            expired.expiredAt = fixture.now
            try await expectPurged(expired) { $0.expiresAt <= fixture.now }
            #expect(try await purge.purge(expired, by: .test) == .init(purged: 0, bytes: 0), "purging twice is harmless")

            var oldWebModel = CacheEntryFilter()
            (oldWebModel.org, oldWebModel.project, oldWebModel.model) = ("acme", "web", "gpt-4o-mini")
            oldWebModel.createdBefore = fixture.now.addingTimeInterval(-86_400)
            try await expectPurged(oldWebModel) {
                $0.tenant.org == "acme" && $0.tenant.project == "web" && $0.model == "gpt-4o-mini"
                    && $0.createdAt < oldWebModel.createdBefore!
            }

            var env = CacheEntryFilter()
            (env.org, env.project, env.environment) = ("acme", "api", "production")
            try await expectPurged(env) { $0.tenant.org == "acme" && $0.tenant.project == "api" }

            var acme = CacheEntryFilter()
            acme.org = "acme"
            try await expectPurged(acme) { $0.tenant.org == "acme" }
            #expect(!left.isEmpty, "the other organization's entries stay")

            #expect(CacheEntryFilter().matchesEverything)
            try await expectPurged(CacheEntryFilter()) { _ in true }
            #expect(left.isEmpty)
        }
    }
}
