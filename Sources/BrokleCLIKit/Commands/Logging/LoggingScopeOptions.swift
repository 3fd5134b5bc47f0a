import BrokleCore
import ArgumentParser

/// `--org ORG | --project ORG/PROJECT | --env ORG/PROJECT/ENV`: the one scope a `logging` command
/// works on (keys have no logging policy of their own).
struct LoggingScopeOptions: ParsableArguments {
    @Option(help: "An organization (slug).") var org: String?
    @Option(help: "A project: ORG/PROJECT.") var project: String?
    @Option(help: "An environment: ORG/PROJECT/ENV.") var env: String?

    func validate() throws {
        let given = [("--org", org), ("--project", project), ("--env", env)].filter { $0.1 != nil }.map(\.0)
        if given.isEmpty { throw ValidationError("name the scope: one of --org, --project or --env") }
        if given.count > 1 { throw ValidationError("name one scope, not \(given.joined(separator: " and "))") }
    }

    /// The scope named, with its slugs checked.
    func reference() throws(BrokleError) -> ScopeReference {
        if let org { return .organization(try Slug.validate(org, what: "organization")) }
        if let project { return .project(try ProjectPath(project)) }
        if let env { return .environment(try EnvironmentPath(env)) }
        throw BrokleError(.usage, "name the scope: one of --org, --project or --env")
    }
}
