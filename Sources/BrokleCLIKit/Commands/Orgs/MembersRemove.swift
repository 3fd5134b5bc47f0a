import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs members remove ORG EMAIL`
struct MembersRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a member from an organization (the last owner cannot be removed)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var org: String
    @Argument(help: "The member's e-mail address.") var email: String

    func run() async throws {
        let context = try CommandContext(global)
        let org = try Slug.validate(org, what: "organization")
        let email = try Email.normalize(email)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try context.emit(MemberRow(try await MemberStore(database).remove(org: org, email: email, by: context.actor)))
            context.printer.finish()
        }
    }
}
