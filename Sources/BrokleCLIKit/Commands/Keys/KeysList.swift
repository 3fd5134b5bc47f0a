import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle keys list [--org ORG | --project ORG/PROJECT] [--env ENV] [--include-revoked]`
struct KeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List API keys (never their secrets).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only keys of this organization.") var org: String?
    @Option(help: "Only keys of this ORG/PROJECT.") var project: String?
    @Option(help: "Only keys of this environment (with --project).") var env: String?
    @Flag(help: "Include revoked keys.") var includeRevoked = false

    func validate() throws {
        if env != nil && project == nil { throw ValidationError("--env needs --project ORG/PROJECT") }
        if org != nil && project != nil { throw ValidationError("pass --org or --project, not both") }
    }

    func run() async throws {
        let context = try CommandContext(global)
        var filter = KeyStore.Filter(includeRevoked: includeRevoked)
        if let org { filter.org = try Slug.validate(org, what: "organization") }
        if let project {
            let target = try ProjectPath(project)
            filter.org = target.org
            filter.project = target.project
        }
        if let env { filter.environment = try Slug.validate(env, what: "environment") }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            for key in try await KeyStore(database).list(filter) { try context.emit(KeyRow(key)) }
            context.printer.finish()
        }
    }
}
