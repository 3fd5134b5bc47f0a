import BrokleCore
import BrokleStorage
import ArgumentParser

/// `brokle orgs envs create ORG/PROJECT/ENV [--if-not-exists]`
struct EnvsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an environment in a project.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "ORG/PROJECT/ENV") var path: String
    @Flag(help: "If it already exists, print it and succeed.") var ifNotExists = false

    func run() async throws {
        let context = try CommandContext(global)
        let target = try EnvironmentPath(path)
        try await context.withMigratedDatabase { database throws(BrokleError) in
            let (environment, created) = try await EnvironmentStore(database).create(
                org: target.org, project: target.project, slug: target.environment, ifNotExists: ifNotExists, by: context.actor
            )
            if !created { context.logger.info("environment already exists; reusing it", metadata: ["environment": "\(target)"]) }
            try context.emit(EnvironmentRow(environment))
            context.printer.finish()
        }
    }
}
