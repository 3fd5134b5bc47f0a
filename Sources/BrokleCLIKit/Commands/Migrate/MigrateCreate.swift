import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle migrate create NAME [--dir migrations]`
struct MigrateCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write an empty up/down migration pair for SQLite and PostgreSQL under migrations/.",
        discussion: "The files are compiled into brokle at build time: rebuild (`make build`) to ship them."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Migration name: lower-case letters, digits and underscores (e.g. add_budgets).")
    var name: String

    @Option(help: "The migrations folder (holding sqlite/ and postgres/).", completion: .directory)
    var dir = "migrations"

    func run() async throws {
        let context = try CommandContext(global)
        let files = try MigrationScaffold(directory: URL(fileURLWithPath: dir)).create(name: name)
        for file in files {
            try context.emit(
                CreatedMigrationRow(
                    version: file.version, name: file.name, dialect: file.dialect.rawValue,
                    direction: file.direction, path: file.path
                ))
        }
        context.printer.finish()
    }
}

struct CreatedMigrationRow: OutputRow {
    static let columns = ["version", "name", "dialect", "direction", "path"]
    var version: Int
    var name: String
    var dialect: String
    var direction: Migrator.Direction
    var path: String
}
