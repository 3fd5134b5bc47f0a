import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs envs list ORG[/PROJECT]`
struct EnvsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the environments of an organization or project.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "ORG or ORG/PROJECT") var path: String

    func run() async throws {
        let context = try CommandContext(global)
        let org: String
        let project: String?
        if path.contains("/") {
            let target = try ProjectPath(path)
            org = target.org
            project = target.project
        } else {
            org = try Slug.validate(path, what: "organization")
            project = nil
        }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            for environment in try await EnvironmentStore(database).list(org: org, project: project) {
                try context.emit(EnvironmentRow(environment))
            }
            context.printer.finish()
        }
    }
}
