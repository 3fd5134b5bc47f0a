import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs projects list [ORG]`
struct ProjectsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List projects, of one organization or of all.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug (default: every organization).") var org: String?

    func run() async throws {
        let context = try CommandContext(global)
        let org = try org.map { (text) throws(BrokleError) in try Slug.validate(text, what: "organization") }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            for project in try await ProjectStore(database).list(org: org) { try context.emit(ProjectRow(project)) }
            context.printer.finish()
        }
    }
}
