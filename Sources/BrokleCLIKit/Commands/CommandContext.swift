import BrokleCore
import BrokleSettings
import BrokleStorage
import Logging

/// What a running command works with: its validated configuration, a logger at the configured
/// level (stderr), and the printer for its rows (stdout).
package struct CommandContext {
    package let config: BrokleConfig
    package let logger: Logger
    package let printer: RowPrinter

    /// Whose changes this command makes, for the audit log every store write takes.
    package var actor: AuditActor { config.actor }

    /// Loads the configuration once from flags, environment and `.env`.
    package init(_ options: GlobalOptions, loader: ConfigLoader = ConfigLoader()) throws(BrokleError) {
        let config = try loader.load(options.flags)
        var logger = Logger(label: "brokle")
        logger.logLevel = config.logLevel
        self.config = config
        self.logger = logger
        self.printer = RowPrinter(format: config.format)
    }

    /// Opens the configured database, runs `body`, and closes it whatever happens.
    package func withDatabase<T>(_ body: (Database) async throws(BrokleError) -> T) async throws(BrokleError) -> T {
        let database = try await Database.connect(config.databaseURL, options: config.databaseOptions, logger: logger)
        do {
            let value = try await body(database)
            await database.close()
            return value
        } catch {
            await database.close()
            throw error
        }
    }

    /// Like ``withDatabase(_:)``, after checking that every migration this binary knows is
    /// applied: a database without the schema gets a clear hint instead of "no such table".
    package func withMigratedDatabase<T>(_ body: (Database) async throws(BrokleError) -> T) async throws(BrokleError) -> T {
        try await withDatabase { database throws(BrokleError) in
            let pending = try await Migrator(database: database, logger: logger).pendingUp()
            if let first = pending.first {
                throw BrokleError(
                    .migration, "the database at \(database.url) is missing \(pending.count) migration(s), starting with \(first.label)",
                    hint: "run `brokle migrate up` first"
                )
            }
            return try await body(database)
        }
    }

    /// Prints a row; encoding a plain row cannot fail in practice, but if it does it is reported.
    package func emit<Row: OutputRow>(_ row: Row) throws(BrokleError) {
        do {
            try printer.emit(row)
        } catch {
            throw BrokleError(.internalError, "could not encode output: \(error)")
        }
    }
}
