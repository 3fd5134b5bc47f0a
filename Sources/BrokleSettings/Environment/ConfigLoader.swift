import BrokleCore
import BrokleStorage
import Configuration
import Foundation
import Logging

/// Builds a ``BrokleConfig`` from flags, the process environment and a `.env` file, in that order of
/// precedence, using swift-configuration's providers for the layering.
package struct ConfigLoader: Sendable {
    /// Values given on the command line (nil when the flag was not passed).
    package struct Flags: Sendable {
        package var databaseURL: String?
        package var envFile: String?
        package var format: String?
        package var logLevel: String?

        package init(databaseURL: String? = nil, envFile: String? = nil, format: String? = nil, logLevel: String? = nil) {
            self.databaseURL = databaseURL
            self.envFile = envFile
            self.format = format
            self.logLevel = logLevel
        }
    }

    package var environment: [String: String]
    package var currentDirectory: String
    /// Shared by copies of this loader, so one command reads its `.env` file once.
    let dotEnvFiles = DotEnvCache()

    package init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// Environment variables that hold secrets: swift-configuration redacts them in its descriptions
    /// and access logs.
    static let secretVariables: Set<String> = ["BROKLE_DATABASE_URL", "OPENAI_API_KEY"]

    package func load(_ flags: Flags) throws(BrokleError) -> BrokleConfig {
        let sources = try sources(flags)
        let reader = sources.reader
        let urlSource = flags.databaseURL != nil ? "--database-url" : "BROKLE_DATABASE_URL"
        let url = try DatabaseURL(
            parsing: reader.string(forKey: "brokle.database.url", isSecret: true, default: DatabaseURL.defaultValue),
            variable: urlSource
        )
        let formatText = reader.string(forKey: "brokle.format", default: OutputFormat.jsonl.rawValue)
        guard let format = OutputFormat(rawValue: formatText) else {
            throw BrokleError(
                .config, "\(flags.format != nil ? "--format" : "BROKLE_FORMAT") is invalid: '\(formatText)'",
                hint: "use jsonl or table"
            )
        }
        let levelText = reader.string(forKey: "brokle.log.level", default: "info").lowercased()
        guard let level = Logger.Level(rawValue: levelText == "warn" ? "warning" : levelText) else {
            throw BrokleError(
                .config, "\(flags.logLevel != nil ? "--log-level" : "BROKLE_LOG_LEVEL") is invalid: '\(levelText)'",
                hint: "use one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        let timeoutText = reader.string(forKey: "brokle.database.timeout", default: "30")
        guard let timeout = Double(timeoutText), timeout > 0, timeout <= 86_400 else {
            throw BrokleError(.config, "BROKLE_DATABASE_TIMEOUT is invalid: '\(timeoutText)'", hint: "use a number of seconds, e.g. 30")
        }
        return BrokleConfig(databaseURL: url, format: format, logLevel: level, databaseTimeout: .seconds(timeout), actor: actor(sources))
    }

    /// The layered sources: flags (the global ones and, for the gateway, `gateway`), then the process
    /// environment, then the `.env` file, read once here.
    func sources(_ flags: Flags, _ gateway: GatewayFlags = GatewayFlags()) throws(BrokleError) -> ConfigSources {
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: AbsoluteConfigKey, _ value: String?, isSecret: Bool = false) {
            if let value { flagValues[key] = .init(.string(value), isSecret: isSecret) }
        }
        set(["brokle", "database", "url"], flags.databaseURL, isSecret: true)
        set(["brokle", "format"], flags.format)
        set(["brokle", "log", "level"], flags.logLevel)
        set(["brokle", "host"], gateway.host)
        set(["brokle", "port"], gateway.port.map(String.init))
        set(["brokle", "config"], gateway.config)
        let secrets = SecretsSpecifier<String, String>.specific(Self.secretVariables)
        return ConfigSources(
            flags: InMemoryProvider(name: "flags", values: flagValues),
            environment: EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: secrets),
            dotEnv: EnvironmentVariablesProvider(environmentVariables: try dotEnv(flags.envFile), secretsSpecifier: secrets)
        )
    }

    /// Reads `--env-file PATH` (which must exist) or `./.env` (optional).
    func dotEnv(_ explicitPath: String?) throws(BrokleError) -> [String: String] {
        let path = explicitPath ?? ".env"
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        guard FileManager.default.fileExists(atPath: absolute) else {
            if explicitPath != nil {
                throw BrokleError(.config, "--env-file \(path) does not exist", hint: "pass the path of a readable .env file")
            }
            return [:]
        }
        return try dotEnvFiles.variables(at: absolute) { () throws(BrokleError) in
            let text: String
            do {
                text = try String(contentsOfFile: absolute, encoding: .utf8)
            } catch {
                throw BrokleError(.config, "cannot read \(path): \(error.localizedDescription)")
            }
            return try DotEnv.parse(text, source: path)
        }
    }
}
