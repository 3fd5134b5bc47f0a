import BrokleCore
import BrokleStorage
import ArgumentParser

/// `--org`, `--project ORG/PROJECT`, `--env`: the tenancy filters of the reporting commands
/// (`trace query`, `cost report`, `cache stats`, `cache purge`), checked once here.
struct TenancyFilterOptions: ParsableArguments {
    @Option(help: "Only this organization (slug).") var org: String?
    @Option(help: "Only this ORG/PROJECT.") var project: String?
    @Option(help: "Only this environment (with --project).") var env: String?

    /// Sets the filter's organization, project and environment slugs from the flags.
    func apply(to filter: inout TraceFilter) throws(BrokleError) {
        if let org { filter.org = try Slug.validate(org, what: "organization") }
        if let project {
            let path = try ProjectPath(project)
            if let org = filter.org, org != path.org {
                throw BrokleError(.usage, "--org \(org) and --project \(project) name different organizations")
            }
            filter.org = path.org
            filter.project = path.project
        }
        if let env {
            guard filter.project != nil else { throw BrokleError(.usage, "--env needs --project ORG/PROJECT") }
            filter.environment = try Slug.validate(env, what: "environment")
        }
    }
}
