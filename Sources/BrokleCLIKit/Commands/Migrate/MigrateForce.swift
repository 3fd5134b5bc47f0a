import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle migrate force VERSION`
struct MigrateForce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force",
        abstract: "Mark the database as exactly at VERSION and clean (clears a dirty state; runs no migration SQL)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The version the database is really at (0 = none applied).")
    var version: Int

    func validate() throws {
        if version < 0 { throw ValidationError("VERSION must be 0 or more") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withDatabase { database throws(BrokleError) in
            let migrator = try Migrator(database: database, logger: context.logger)
            try await migrator.force(version: version)
            try context.emit(ForcedVersionRow(version: version, name: migrator.catalog.migration(version)?.name))
            context.printer.finish()
        }
    }
}

struct ForcedVersionRow: OutputRow {
    static let columns = ["version", "name", "forced"]
    var version: Int
    @Nullable var name: String?
    var forced = true
}
