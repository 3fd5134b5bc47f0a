import BrokleCore
import BrokleGateway
import BrokleSettings
import ArgumentParser
import Foundation

/// `brokle proxy` (also the `brokle-proxy` executable): the OpenAI-compatible gateway.
package struct ProxyCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the gateway (/v1/chat/completions, /v1/responses, /v1/messages, /v1/completions, /v1/embeddings, /v1/models).",
        discussion: """
            Prints one JSON line on stdout when it listens ({"listening":"http://HOST:PORT/v1",...}); logs go to stderr. \
            SIGTERM or SIGINT stops accepting, lets in-flight requests and streams finish, writes queued traces (or spills them \
            to BROKLE_SPILL_DIR when the database is down) and exits 0; 11 if any trace could be neither written nor spilled.
            """,
        version: BrokleVersion.current
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on (env BROKLE_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on, 0 for any free port (env BROKLE_PORT; default 8080).") var port: Int?
    @Option(
        help: "Providers and models file (env BROKLE_CONFIG; default ./brokle.yaml if present, else the built-in mock).",
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?
    @Flag(help: "Apply pending migrations before serving.") var migrate = false

    package init() {}

    package func run() async throws {
        let loader = ConfigLoader()
        let context = try CommandContext(global, loader: loader)
        let settings = try loader.loadGateway(global.flags, .init(host: host, port: port, config: config))
        let gateway = try await Gateway.start(config: context.config, settings: settings, logger: context.logger, migrate: migrate)
        context.logger.info(
            "starting gateway",
            metadata: [
                "database": "\(context.config.databaseURL)", "config": "\(settings.catalogSource)",
                "providers": "\(settings.catalog.providers.map(\.name).joined(separator: ","))",
            ])
        let host = settings.host
        let format = context.config.format
        try await gateway.run { port in
            let printer = RowPrinter(format: format)
            try? printer.emit(
                ListeningRow(listening: "http://\(host):\(port)/v1", host: host, port: port, models: settings.catalog.models.map(\.name)))
            printer.finish()
        }
        let lost = gateway.traceWriter.lostCount
        if lost > 0 {
            throw BrokleError(
                .tracesLost, "\(lost) trace(s) could be neither written to the database nor spilled to \(settings.spillDirectory)",
                hint: "check the disk holding BROKLE_SPILL_DIR and the database; see the proxy's log")
        }
    }
}

/// The one line `brokle proxy` prints when it is ready.
struct ListeningRow: OutputRow {
    static let columns = ["listening", "host", "port", "models"]
    var listening: String
    var host: String
    var port: Int
    var models: [String]
}
