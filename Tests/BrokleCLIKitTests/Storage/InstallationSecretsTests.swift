@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// Each database makes its own erasure-digest key (migration 0018): the audit log's name for an
/// erased id is stable within a database and tells nothing without the key.
@Suite struct InstallationSecretsTests {
    @Test(arguments: TestDatabase.available)
    func eachDatabaseKeysItsOwnDigest(kind: TestDatabase) async throws {
        let first = try await kind.withMigrated { _, database in
            let key = try await database.sql.raw("SELECT secret FROM installation_secrets WHERE name = 'erasure_digest'").first()?
                .decode(column: "secret", as: Data.self)
            #expect(key?.count == 32)
            let digest = try await InstallationSecrets(database).erasureDigest()
            #expect(digest.name("u1") == (try await InstallationSecrets(database).erasureDigest()).name("u1"))
            #expect(digest.name("u1") != digest.name("u2"))
            #expect(digest.name("u1") != LimitScope.endUserDigest("u1"))
            #expect(digest.name("u1").count == 32)
            return digest.name("u1")
        }
        let second = try await kind.withMigrated { _, database in try await InstallationSecrets(database).erasureDigest().name("u1") }
        #expect(first != second, "another database, another key")
    }

    @Test func theDigestIsHMACSHA256OfTheID() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let digest = ErasureDigest(key: Array("Jefe".utf8))
        #expect(digest.name("what do ya want for nothing?") == "5bdcc146bf60754e6a042426089575c7")
    }
}
