import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs members set-role ORG EMAIL --role ROLE`
struct MembersSetRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role",
        abstract: "Change a member's role (the last owner cannot be demoted)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var org: String
    @Argument(help: "The member's e-mail address.") var email: String
    @Option(help: "owner, admin, developer or viewer.") var role: Role

    func run() async throws {
        let context = try CommandContext(global)
        let org = try Slug.validate(org, what: "organization")
        let email = try Email.normalize(email)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            try context.emit(MemberRow(try await MemberStore(database).setRole(org: org, email: email, role: role, by: context.actor)))
            context.printer.finish()
        }
    }
}
