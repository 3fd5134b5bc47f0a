/// One schema change: a numbered, named pair of SQL scripts for one dialect.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var up: String
    public var down: String

    public init(version: Int, name: String, up: String, down: String) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// `NNNN_name` as in the file names.
    public var label: String { String(format4(version)) + "_" + name }
}

func format4(_ version: Int) -> String {
    let digits = String(version)
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}

/// The migrations of one dialect, in version order, built from `NNNN_name.{up,down}.sql` files.
public struct MigrationCatalog: Sendable {
    public let dialect: SQLDialectKind
    public let migrations: [Migration]

    /// The migrations compiled into this binary (from the repository's `migrations/` folder).
    public static func embedded(_ dialect: SQLDialectKind) throws(BrokleError) -> MigrationCatalog {
        let files = EmbeddedMigrationFiles.all
            .filter { $0.0 == dialect.rawValue }
            .map { (name: $0.1, text: $0.2) }
        return try MigrationCatalog(dialect: dialect, files: files)
    }

    /// Pairs up `files` (name, SQL text); a stray name, a missing half or two names for one
    /// version is an error, so a broken set never reaches a database.
    public init(dialect: SQLDialectKind, files: [(name: String, text: String)]) throws(BrokleError) {
        var ups: [Int: (String, String)] = [:]
        var downs: [Int: (String, String)] = [:]
        for file in files {
            guard let parsed = MigrationFileName(file.name) else {
                throw BrokleError(.internalError, "migrations/\(dialect.rawValue)/\(file.name) is not named NNNN_name.up.sql or NNNN_name.down.sql")
            }
            if parsed.isUp { ups[parsed.version] = (parsed.name, file.text) } else { downs[parsed.version] = (parsed.name, file.text) }
        }
        var migrations: [Migration] = []
        for version in Set(ups.keys).union(downs.keys).sorted() {
            guard let up = ups[version], let down = downs[version], up.0 == down.0 else {
                throw BrokleError(.internalError, "migrations/\(dialect.rawValue): version \(format4(version)) needs one matching .up.sql and .down.sql")
            }
            migrations.append(Migration(version: version, name: up.0, up: up.1, down: down.1))
        }
        self.dialect = dialect
        self.migrations = migrations
    }

    public func migration(_ version: Int) -> Migration? {
        migrations.first { $0.version == version }
    }
}

/// `0003_add_budgets.up.sql` → version 3, name `add_budgets`, up.
public struct MigrationFileName: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var isUp: Bool

    public init?(_ fileName: String) {
        let isUp: Bool
        let stem: Substring
        if fileName.hasSuffix(".up.sql") {
            isUp = true
            stem = fileName.dropLast(".up.sql".count)
        } else if fileName.hasSuffix(".down.sql") {
            isUp = false
            stem = fileName.dropLast(".down.sql".count)
        } else {
            return nil
        }
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = String(stem[stem.index(after: underscore)...])
        guard digits.count >= 4, digits.allSatisfy(\.isASCIIDigit), let version = Int(digits), version > 0,
              MigrationFileName.isValidName(name) else { return nil }
        self.version = version
        self.name = name
        self.isUp = isUp
    }

    /// Lower-case letters, digits and underscores, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.count <= 100 && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
