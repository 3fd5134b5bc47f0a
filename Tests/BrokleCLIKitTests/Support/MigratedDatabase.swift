@testable import BrokleStorage

extension TestDatabase {
    /// A fresh database with the whole embedded schema applied.
    func withMigrated<T>(_ body: (String, Database) async throws -> T) async throws -> T {
        try await withFresh { url, database in
            try await Migrator(database: database, logger: TestDatabase.logger).up()
            return try await body(url, database)
        }
    }
}
