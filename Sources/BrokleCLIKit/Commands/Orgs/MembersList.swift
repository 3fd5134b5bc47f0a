import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs members list ORG`
struct MembersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the members of an organization.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var org: String

    func run() async throws {
        let context = try CommandContext(global)
        let org = try Slug.validate(org, what: "organization")
        try await context.withMigratedDatabase { database throws(BrokleError) in
            for member in try await MemberStore(database).list(org: org) { try context.emit(MemberRow(member)) }
            context.printer.finish()
        }
    }
}
