import BrokleCore

/// The migrations of one dialect, in version order, built from `NNNN_name.{up,down}.sql` files.
package struct MigrationCatalog: Sendable {
    package let dialect: SQLDialectKind
    package let migrations: [Migration]

    /// The migrations compiled into this binary (from the repository's `migrations/` folder).
    package static func embedded(_ dialect: SQLDialectKind) throws(BrokleError) -> MigrationCatalog {
        let files = EmbeddedMigrationFiles.all
            .filter { $0.0 == dialect.rawValue }
            .map { (name: $0.1, text: $0.2) }
        return try MigrationCatalog(dialect: dialect, files: files)
    }

    /// Pairs up `files` (name, SQL text); a stray name, a missing half or two names for one
    /// version is an error, so a broken set never reaches a database.
    package init(dialect: SQLDialectKind, files: [(name: String, text: String)]) throws(BrokleError) {
        var ups: [Int: (String, String)] = [:]
        var downs: [Int: (String, String)] = [:]
        for file in files {
            guard let parsed = MigrationFileName(file.name) else {
                throw BrokleError(
                    .internalError, "migrations/\(dialect.rawValue)/\(file.name) is not named NNNN_name.up.sql or NNNN_name.down.sql")
            }
            if parsed.isUp { ups[parsed.version] = (parsed.name, file.text) } else { downs[parsed.version] = (parsed.name, file.text) }
        }
        var migrations: [Migration] = []
        for version in Set(ups.keys).union(downs.keys).sorted() {
            guard let up = ups[version], let down = downs[version], up.0 == down.0 else {
                throw BrokleError(
                    .internalError, "migrations/\(dialect.rawValue): version \(format4(version)) needs one matching .up.sql and .down.sql")
            }
            migrations.append(Migration(version: version, name: up.0, up: up.1, down: down.1))
        }
        self.dialect = dialect
        self.migrations = migrations
    }

    package func migration(_ version: Int) -> Migration? {
        migrations.first { $0.version == version }
    }
}
