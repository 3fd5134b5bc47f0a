import ArgumentParser
import Foundation

/// The filters `trace query` and `cost report` share.
struct TraceFilterOptions: ParsableArguments {
    @Option(help: "From this time: RFC 3339, or a duration before now (90m, 24h, 7d).") var since: String?
    @Option(help: "Before this time: RFC 3339, or a duration before now.") var until: String?
    @Option(help: "Only this organization (slug).") var org: String?
    @Option(help: "Only this ORG/PROJECT.") var project: String?
    @Option(help: "Only this environment (with --project).") var env: String?

    func filter(now: Date) throws(BrokleError) -> TraceFilter {
        var filter = TraceFilter()
        (filter.since, filter.until) = try TimeBound.range(since: since, until: until, now: now)
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
        return filter
    }
}

extension TraceRecord.Status: ExpressibleByArgument {}
extension TraceQueryStore.Order: ExpressibleByArgument {}
