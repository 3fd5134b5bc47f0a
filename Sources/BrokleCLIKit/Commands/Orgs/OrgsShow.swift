import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs show SLUG`
struct OrgsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one organization.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var slug: String

    func run() async throws {
        let context = try CommandContext(global)
        let slug = try Slug.validate(slug, what: "organization")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try context.emit(OrganizationRow(try await OrganizationStore(database).summary(slug)))
            context.printer.finish()
        }
    }
}
