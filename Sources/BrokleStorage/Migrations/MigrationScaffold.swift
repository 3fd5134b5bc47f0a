import BrokleCore
import Foundation

/// Writes a new, empty migration (up and down, for both dialects) into a `migrations/` folder.
package struct MigrationScaffold: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    package struct CreatedFile: Sendable {
        package var version: Int
        package var name: String
        package var dialect: SQLDialectKind
        package var direction: Migrator.Direction
        package var path: String
    }

    /// Creates `NNNN_name.{up,down}.sql` under `sqlite/` and `postgres/`, numbered after the highest
    /// version on disk. All four files are written or none is.
    package func create(name: String) throws(BrokleError) -> [CreatedFile] {
        guard MigrationFileName.isValidName(name) else {
            throw BrokleError(
                .usage, "invalid migration name '\(name)'",
                hint: "use lower-case letters, digits and underscores, starting with a letter (e.g. add_budgets)")
        }
        let fileManager = FileManager.default
        var existing: [Int] = []
        for dialect in SQLDialectKind.allCases {
            let folder = directory.appendingPathComponent(dialect.rawValue)
            guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else {
                throw BrokleError(
                    .notFound, "\(folder.path) is not a migrations folder",
                    hint: "run from the repository root or pass --dir PATH (a folder with sqlite/ and postgres/ inside)"
                )
            }
            existing += names.compactMap { MigrationFileName($0)?.version }
        }
        let version = (existing.max() ?? 0) + 1
        var planned: [CreatedFile] = []
        for dialect in SQLDialectKind.allCases {
            for direction in [Migrator.Direction.up, .down] {
                let path = directory.appendingPathComponent(dialect.rawValue)
                    .appendingPathComponent("\(format4(version))_\(name).\(direction.rawValue).sql").path
                planned.append(CreatedFile(version: version, name: name, dialect: dialect, direction: direction, path: path))
            }
        }
        var written: [String] = []
        for file in planned {
            let header = """
                -- \(format4(version))_\(name) (\(file.dialect.rawValue), \(file.direction.rawValue))
                -- Runs in one transaction together with its schema_migrations record.
                -- End each statement with ';'.

                """
            guard fileManager.createFile(atPath: file.path, contents: Data(header.utf8)) else {
                for path in written { try? fileManager.removeItem(atPath: path) }
                throw BrokleError(.internalError, "could not write \(file.path)")
            }
            written.append(file.path)
        }
        return planned
    }
}
