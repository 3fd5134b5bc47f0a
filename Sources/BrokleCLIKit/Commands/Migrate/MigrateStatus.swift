import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle migrate status`: one JSON line per migration, known or applied.
struct MigrateStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every migration: version, name, applied, applied_at, dirty."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withDatabase { database throws(BrokleError) in
            let migrator = try Migrator(database: database, logger: context.logger)
            let applied = Dictionary(try await migrator.applied().map { ($0.version, $0) }, uniquingKeysWith: { $1 })
            let versions = Set(migrator.catalog.migrations.map(\.version)).union(applied.keys).sorted()
            for version in versions {
                let row = applied[version]
                try context.emit(
                    MigrationStatusRow(
                        version: version,
                        name: migrator.catalog.migration(version)?.name ?? row?.name ?? "",
                        applied: row != nil && row?.dirty == false,
                        appliedAt: row?.dirty == false ? row?.appliedAt : nil,
                        dirty: row?.dirty ?? false
                    ))
            }
            context.printer.finish()
        }
    }
}
