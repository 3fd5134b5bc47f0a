import BrokleCore
import BrokleStorage
import Logging

/// Everything a command needs to know about its environment, read once at start
/// (flags > environment > `.env` > defaults), validated, and passed down. Nothing deeper in the
/// code reads the environment.
package struct BrokleConfig: Sendable {
    package var databaseURL: DatabaseURL
    package var format: OutputFormat
    package var logLevel: Logger.Level
    /// Longest one database call may take (`BROKLE_DATABASE_TIMEOUT`, seconds); past it the
    /// command fails with `database_unavailable` instead of waiting for a server that is gone.
    package var databaseTimeout: Duration
    /// Whose changes these are, for the audit log (`BROKLE_ACTOR`, else `cli:` and the OS user).
    package var actor: AuditActor

    package init(
        databaseURL: DatabaseURL, format: OutputFormat = .jsonl, logLevel: Logger.Level = .info, databaseTimeout: Duration = .seconds(30),
        actor: AuditActor = AuditActor.cli(override: nil, userName: nil, hostName: nil)
    ) {
        self.databaseURL = databaseURL
        self.format = format
        self.logLevel = logLevel
        self.databaseTimeout = databaseTimeout
        self.actor = actor
    }

    /// The database options every command opens its database with.
    package var databaseOptions: Database.Options { Database.Options(callTimeout: databaseTimeout) }
}
