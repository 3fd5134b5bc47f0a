import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle migrate up [--steps N] [--dry-run]`
struct MigrateUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Apply pending migrations, oldest first, one transaction each."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Apply at most this many migrations (default: all pending).")
    var steps: Int?

    @Flag(help: "Print the SQL that would run; change nothing.")
    var dryRun = false

    func validate() throws {
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        try await context.withDatabase { database throws(BrokleError) in
            let migrator = try Migrator(database: database, logger: context.logger)
            try await MigrateCommand.execute(context, migrator, direction: .up, steps: steps, dryRun: dryRun)
        }
    }
}
