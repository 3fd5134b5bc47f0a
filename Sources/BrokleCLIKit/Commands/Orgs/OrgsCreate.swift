import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs create SLUG [--name NAME] [--plan PLAN] [--if-not-exists]`
struct OrgsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an organization.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug (lower-case letters, digits, dashes; 2-63 characters).") var slug: String
    @Option(help: "Display name (default: the slug).") var name: String?
    @Option(help: "Plan: free, pro, business or enterprise.") var plan: Plan = .free
    @Flag(help: "If it already exists, print it and succeed.") var ifNotExists = false

    func run() async throws {
        let context = try CommandContext(global)
        let slug = try Slug.validate(slug, what: "organization")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = OrganizationStore(database)
            let (_, created) = try await store.create(slug: slug, name: name, plan: plan, ifNotExists: ifNotExists, by: context.actor)
            if !created { context.logger.info("organization already exists; reusing it", metadata: ["org": "\(slug)"]) }
            try context.emit(OrganizationRow(try await store.summary(slug)))
            context.printer.finish()
        }
    }
}
