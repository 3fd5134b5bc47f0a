import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/providers`: every deployment the catalog routes to, with its circuit and
/// latency average as this gateway sees them now (changes arrive as `circuit` events), and the
/// organization's requests and errors per provider over the last hour.
struct ProvidersHandler: Sendable {
    let auth: DashboardAuth
    let reports: CostReportStore
    let health: RouteHealth
    /// `provider/model` of every route target, sorted.
    let deployments: [RouteTarget]

    init(auth: DashboardAuth, reports: CostReportStore, health: RouteHealth, catalog: ProviderCatalog) {
        self.auth = auth
        self.reports = reports
        self.health = health
        var seen = Set<String>()
        deployments = catalog.models.flatMap(\.targets).filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }

    struct Deployment: Encodable {
        var deployment: String
        var provider: String
        var model: String
        var circuit: String
        var latencyMs: Double?
    }

    struct Traffic: Encodable {
        var provider: String
        var requests: Int
        var errors: Int
        var errorRate: Double
    }

    struct Body: Encodable {
        var deployments: [Deployment]
        var lastHour: [Traffic]
    }

    func providers(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        var filter = TraceFilter()
        filter.org = membership.slug
        filter.since = Date().addingTimeInterval(-3600)
        let groups = try await DashboardErrors.mapped { () async throws(BrokleError) in try await reports.groups(by: [.provider], filter) }
        let live = health.deployments()
        return try DashboardJSON.response(
            Body(
                deployments: deployments.map { target in
                    let now = live[target.id]
                    return Deployment(
                        deployment: target.id, provider: target.provider, model: target.model,
                        circuit: (now?.circuit ?? .closed).rawValue, latencyMs: now?.latencyMs)
                },
                lastHour: groups.map { group in
                    let totals = group.totals
                    return Traffic(
                        provider: group.keys[.provider] ?? "", requests: totals.requests, errors: totals.errors,
                        errorRate: totals.requests == 0 ? 0 : Double(totals.errors) / Double(totals.requests))
                }))
    }
}
