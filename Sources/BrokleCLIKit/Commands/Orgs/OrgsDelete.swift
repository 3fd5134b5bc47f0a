import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs delete SLUG [--cascade] [--yes]`
struct OrgsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an organization (refused while it has projects, unless --cascade)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var slug: String
    @Flag(help: "Also delete its projects, environments, keys and memberships.") var cascade = false
    @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false

    func run() async throws {
        let context = try CommandContext(global)
        let slug = try Slug.validate(slug, what: "organization")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = OrganizationStore(database)
            let summary = try await store.summary(slug)
            if !yes {
                try Confirmation.require(
                    "Delete organization '\(slug)'\(cascade ? " with its \(summary.projects) project(s) and their keys" : "")?",
                    flag: "--yes"
                )
            }
            _ = try await store.delete(slug, cascade: cascade, by: context.actor)
            try context.emit(OrganizationRow(summary))
            context.printer.finish()
        }
    }
}
