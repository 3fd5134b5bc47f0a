import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle migrate down [--steps N] [--dry-run]`
struct MigrateDown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back the newest applied migrations, one transaction each."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Roll back this many migrations.")
    var steps: Int = 1

    @Flag(help: "Print the SQL that would run; change nothing.")
    var dryRun = false

    func validate() throws {
        if steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withDatabase { database throws(BrokleError) in
            let migrator = try Migrator(database: database, logger: context.logger)
            try await MigrateCommand.execute(context, migrator, direction: .down, steps: steps, dryRun: dryRun)
        }
    }
}
