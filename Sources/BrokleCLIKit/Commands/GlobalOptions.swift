import BrokleSettings
import BrokleStorage
import ArgumentParser
import Logging

/// Options every command accepts, pulled in with `@OptionGroup`.
package struct GlobalOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "Database URL: sqlite:PATH, sqlite::memory: or postgres://… (env BROKLE_DATABASE_URL; default sqlite:brokle.db).",
            valueName: "url")
    )
    package var databaseURL: String?

    @Option(
        name: .customLong("env-file"),
        help: ArgumentHelp("Read variables from this dotenv file instead of ./.env.", valueName: "path"),
        completion: .file()
    )
    package var envFile: String?

    @Option(help: ArgumentHelp("Output format (env BROKLE_FORMAT; default jsonl).", valueName: "jsonl|table"))
    package var format: OutputFormat?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("Log level on stderr (env BROKLE_LOG_LEVEL; default info).", valueName: "level"),
        completion: .list(Logger.Level.allCases.map(\.rawValue))
    )
    package var logLevel: String?

    package init() {}

    var flags: ConfigLoader.Flags {
        ConfigLoader.Flags(databaseURL: databaseURL, envFile: envFile, format: format?.rawValue, logLevel: logLevel)
    }
}

extension OutputFormat: ExpressibleByArgument {}
