import Foundation
import PackagePlugin

/// Embeds every `migrations/<dialect>/NNNN_name.{up,down}.sql` file of the package into the
/// target as Swift source. The SQL files stay the single source of truth; adding one and
/// rebuilding is enough for the binary to carry it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appendingPathComponent("migrations")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedMigrations.swift")
        var inputs: [URL] = []
        for dialect in ["sqlite", "postgres"] {
            let folder = root.appendingPathComponent(dialect)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".sql") }.sorted().map { folder.appendingPathComponent($0) }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) migration files",
                executable: try context.tool(named: "brokle-embed-migrations").url,
                arguments: [root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
