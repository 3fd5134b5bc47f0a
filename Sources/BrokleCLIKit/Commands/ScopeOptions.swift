import BrokleCore
import ArgumentParser

/// `--org ORG | --project ORG/PROJECT | --env ORG/PROJECT/ENV | --key ID`: the one scope a
/// `limits` or `budgets` command works on.
struct ScopeOptions: ParsableArguments {
    @Option(help: "An organization (slug).") var org: String?
    @Option(help: "A project: ORG/PROJECT.") var project: String?
    @Option(help: "An environment: ORG/PROJECT/ENV.") var env: String?
    @Option(help: "An API key: its id or public_id (as `brokle keys list` prints them).") var key: String?

    func validate() throws {
        let given = [("--org", org), ("--project", project), ("--env", env), ("--key", key)].filter { $0.1 != nil }.map(\.0)
        if given.isEmpty { throw ValidationError("name the scope: one of --org, --project, --env or --key") }
        if given.count > 1 { throw ValidationError("name one scope, not \(given.joined(separator: " and "))") }
    }

    /// The scope named, with its slugs checked.
    func reference() throws(BrokleError) -> ScopeReference {
        if let org { return .organization(try Slug.validate(org, what: "organization")) }
        if let project { return .project(try ProjectPath(project)) }
        if let env { return .environment(try EnvironmentPath(env)) }
        if let key { return .key(key) }
        throw BrokleError(.usage, "name the scope: one of --org, --project, --env or --key")
    }
}
