import ArgumentParser
import BrokleCore
import BrokleSettings

/// `brokle config check [--config FILE] [--host H] [--port P]`: loads and validates everything
/// `brokle proxy` would (flags, environment, `.env`, brokle.yaml with every key checked), starts
/// nothing, and prints each resolved setting with its source; a bad value exits 3 with the error.
struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration as `brokle proxy` would and print every resolved setting with its source.",
        discussion: """
            One JSON line per setting: {"setting","value","source"}. Settings from flags and the environment are named by \
            their variable (BROKLE_PORT); brokle.yaml values by their dotted path (models.smart.retries). The source is \
            flag, environment, .env, the brokle.yaml's name, or default. Secrets (API keys, header values, the database \
            password) print as ***. An invalid value or an unknown brokle.yaml key is a config error (exit 3), as at \
            `brokle proxy` start; nothing is started and the database is not contacted.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(
        help: "Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present, else the built-in catalog).",
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?
    @Option(help: "Address the proxy would listen on (env BROKLE_HOST).") var host: String?
    @Option(help: "Port the proxy would listen on (env BROKLE_PORT).") var port: Int?

    func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let settings = try loader.resolve(global.flags, .init(host: host, port: port, config: config))
        for setting in settings {
            try context.emit(ConfigRow(setting: setting.setting, value: setting.value, source: setting.source))
        }
        context.printer.finish()
    }
}

/// One resolved setting, as `brokle config check` prints it.
struct ConfigRow: OutputRow {
    static let columns = ["setting", "value", "source"]

    var setting: String
    var value: String
    var source: String
}
