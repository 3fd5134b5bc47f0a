import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs projects delete ORG/PROJECT [--cascade] [--yes]`
struct ProjectsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a project and its environments (refused while it has live keys, unless --cascade)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "ORG/PROJECT") var path: String
    @Flag(help: "Also delete its API keys.") var cascade = false
    @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try ProjectPath(path)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = ProjectStore(database)
            _ = try await store.get(org: target.org, slug: target.project)
            if !yes { try Confirmation.require("Delete project '\(target)' and its environments?", flag: "--yes") }
            try context.emit(ProjectRow(try await store.delete(org: target.org, slug: target.project, cascade: cascade, by: context.actor)))
            context.printer.finish()
        }
    }
}
