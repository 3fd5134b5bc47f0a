import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// `brokle migrate reset [--yes] [--dry-run]`
struct MigrateReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Roll back every applied migration (destroys all Brokle data). Asks first on a terminal; needs --yes otherwise."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Print the SQL that would run; change nothing.")
    var dryRun = false

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withDatabase { database throws(BrokleError) in
            let migrator = try Migrator(database: database, logger: context.logger)
            if !dryRun && !yes {
                let count = try await migrator.pendingDown(steps: nil).count
                guard count > 0 else { return }
                try Confirmation.require(
                    "Roll back all \(count) applied migrations on \(database.url)? Every table Brokle created is dropped.",
                    flag: "--yes"
                )
            }
            try await MigrateCommand.execute(context, migrator, direction: .down, steps: nil, dryRun: dryRun)
        }
    }
}
