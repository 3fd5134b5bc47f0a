import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs update SLUG [--name NAME] [--plan PLAN] [--slug NEW]`
struct OrgsUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change an organization's name, plan or slug.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var slug: String
    @Option(help: "New display name.") var name: String?
    @Option(help: "New plan: free, pro, business or enterprise.") var plan: Plan?
    @Option(name: .customLong("slug"), help: "New slug.") var newSlug: String?

    func validate() throws {
        if name == nil && plan == nil && newSlug == nil {
            throw ValidationError("nothing to change: pass --name, --plan and/or --slug")
        }
    }

    func run() async throws {
        let context = try CommandContext(global)
        let slug = try Slug.validate(slug, what: "organization")
        let newSlug = try newSlug.map { (text) throws(BrokleError) in try Slug.validate(text, what: "organization") }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let store = OrganizationStore(database)
            let updated = try await store.update(slug, name: name, plan: plan, newSlug: newSlug, by: context.actor)
            try context.emit(OrganizationRow(try await store.summary(updated.slug)))
            context.printer.finish()
        }
    }
}
