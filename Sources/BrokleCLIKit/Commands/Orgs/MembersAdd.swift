import BrokleCore
import BrokleSettings
import BrokleStorage
import ArgumentParser

/// `brokle orgs members add ORG EMAIL --role ROLE [--name NAME] [--if-not-exists] [--config PATH]`
struct MembersAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a member to an organization, within its plan's member limit.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Organization slug.") var org: String
    @Argument(help: "The member's e-mail address.") var email: String
    @Option(help: "owner, admin, developer or viewer.") var role: Role
    @Option(help: "The member's display name.") var name: String?
    @Flag(help: "If already a member, print the membership and succeed.") var ifNotExists = false
    @Option(
        help: ArgumentHelp(
            "brokle.yaml whose plans: sets the member limits (env BROKLE_CONFIG; default ./brokle.yaml).", valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    func run() async throws {
        let context = try CommandContext(global)
        let org = try Slug.validate(org, what: "organization")
        let email = try Email.normalize(email)
        let quotas = try ConfigLoader().loadPlans(global.flags, config: config)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let (member, created) = try await MemberStore(database).add(
                org: org, email: email, name: name, role: role, ifNotExists: ifNotExists, quotas: quotas, by: context.actor)
            if !created { context.logger.info("already a member; unchanged", metadata: ["org": "\(org)"]) }
            try context.emit(MemberRow(member))
            context.printer.finish()
        }
    }
}
