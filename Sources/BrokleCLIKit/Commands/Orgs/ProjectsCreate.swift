import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs projects create ORG/PROJECT [--name NAME] [--envs development,production] [--if-not-exists]`
struct ProjectsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a project, with its environments (development and production by default)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "ORG/PROJECT") var path: String
    @Option(help: "Display name (default: the slug).") var name: String?
    @Option(help: "Comma-separated environments to create with it.") var envs = ProjectStore.defaultEnvironments.joined(separator: ",")
    @Flag(help: "If it already exists, print it and succeed.") var ifNotExists = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try ProjectPath(path)
        var environments: [String] = []
        for env in envs.split(separator: ",") { environments.append(try Slug.validate(String(env), what: "environment")) }
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let (project, created) = try await ProjectStore(database).create(
                org: target.org, slug: target.project, name: name, environments: environments, ifNotExists: ifNotExists, by: context.actor
            )
            if !created { context.logger.info("project already exists; reusing it", metadata: ["project": "\(target)"]) }
            try context.emit(ProjectRow(project))
            context.printer.finish()
        }
    }
}
