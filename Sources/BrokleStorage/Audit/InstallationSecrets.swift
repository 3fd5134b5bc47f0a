import BrokleCore
import Foundation
import SQLKit

/// The secrets a database made for itself (`installation_secrets`, migration 0018).
package struct InstallationSecrets: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// The key of ``ErasureDigest``, as the database holds it.
    package func erasureDigest() async throws(BrokleError) -> ErasureDigest {
        let database = self.database
        let key = try await database.call("read the erasure digest's key") {
            try await database.sql.raw("SELECT secret FROM installation_secrets WHERE name = 'erasure_digest'").first()?
                .decode(column: "secret", as: Data.self)
        }
        guard let key, key.count >= 16 else {
            throw BrokleError(.database, "installation_secrets has no erasure_digest key: run `brokle migrate up`")
        }
        return ErasureDigest(key: Array(key))
    }
}
