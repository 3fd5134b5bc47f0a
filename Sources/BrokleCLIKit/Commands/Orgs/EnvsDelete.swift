import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs envs delete ORG/PROJECT/ENV [--cascade] [--yes]`
struct EnvsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an environment (refused while it has live keys, unless --cascade)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "ORG/PROJECT/ENV") var path: String
    @Flag(help: "Also delete its API keys.") var cascade = false
    @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try EnvironmentPath(path)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = EnvironmentStore(database)
            _ = try await store.get(org: target.org, project: target.project, slug: target.environment)
            if !yes { try Confirmation.require("Delete environment '\(target)'?", flag: "--yes") }
            let deleted = try await store.delete(
                org: target.org, project: target.project, slug: target.environment, cascade: cascade, by: context.actor)
            try context.emit(EnvironmentRow(deleted))
            context.printer.finish()
        }
    }
}
