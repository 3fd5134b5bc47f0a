import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/users` and `/api/v1/orgs/{org}/sessions?range=24h|7d|30d`: the
/// organization's end users and conversations over the range, busiest first (at most 500), with
/// their requests, errors, tokens and cost — `brokle cost report --group-by user|session`.
struct PeopleHandler: Sendable {
    let auth: DashboardAuth
    let reports: CostReportStore
    static let limit = 500

    struct Row: Encodable {
        var key: String
        var figures: OverviewHandler.Figures
    }

    struct Body: Encodable {
        var range: String
        var rows: [Row]
        var truncated: Bool
    }

    func list(_ request: Request, org: String, by dimension: CostReportStore.Dimension) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let (range, seconds) = try OverviewHandler.range(request)
        var filter = TraceFilter()
        filter.org = membership.slug
        filter.since = Date().addingTimeInterval(-seconds)
        // The busiest ones, counted and cut in the database (one more than shown says there are more).
        let groups = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await reports.groups(by: [dimension], filter, busiest: Self.limit + 2)
        }
        let rows = groups.compactMap { group in group.keys[dimension].map { Row(key: $0, figures: OverviewHandler.Figures(group.totals)) } }
        return try DashboardJSON.response(Body(range: range, rows: Array(rows.prefix(Self.limit)), truncated: rows.count > Self.limit))
    }
}
