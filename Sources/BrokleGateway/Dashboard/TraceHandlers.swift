import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/traces` (the filters of `brokle trace query`, newest first or with
/// `order=asc` oldest first — a conversation in order — paged by cursor) and `/api/v1/orgs/{org}/traces/{id}` (one trace whole). Any member reads.
struct TraceHandlers: Sendable {
    let auth: DashboardAuth
    let traces: TraceQueryStore

    struct Page: Encodable {
        var traces: [DashboardTrace]
        var nextCursor: String?
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let query = request.uri.queryParameters
        var filter = TraceFilter()
        filter.org = membership.slug
        filter.project = query["project"].map(String.init)
        filter.environment = query["env"].map(String.init)
        filter.model = query["model"].map(String.init)
        filter.provider = query["provider"].map(String.init)
        filter.endUser = query["user"].map(String.init)
        filter.sessionID = query["session"].map(String.init)
        if let text = query["status"] {
            guard let status = TraceRecord.Status(rawValue: String(text)) else {
                throw GatewayError.invalidRequest("'status' is one of ok, error, cancelled.", param: "status")
            }
            filter.status = status
        }
        if let text = query["since"] {
            guard let seconds = try? DurationText.seconds(String(text), what: "since") else {
                throw GatewayError.invalidRequest("'since' is a duration such as 15m, 24h or 7d.", param: "since")
            }
            filter.since = Date().addingTimeInterval(-seconds)
        }
        let limit = Int(query["limit"] ?? "") ?? 50
        guard (1...500).contains(limit) else { throw GatewayError.invalidRequest("'limit' is from 1 to 500.", param: "limit") }
        var cursor: TraceCursor?
        if let token = query["after"] {
            do {
                cursor = try TraceCursor(token: String(token))
            } catch {
                throw GatewayError.invalidRequest("'after' is not a cursor this listing gave.", param: "after")
            }
        }
        guard let order = TraceQueryStore.Order(rawValue: String(query["order"] ?? "desc")) else {
            throw GatewayError.invalidRequest("'order' is asc or desc.", param: "order")
        }
        let stored = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await traces.query(filter, order: order, limit: limit, after: cursor, withAttempts: false)
        }
        return try DashboardJSON.response(
            Page(
                traces: stored.map { DashboardTrace($0, whole: false) },
                nextCursor: stored.count == limit ? stored.last?.cursor.token : nil))
    }

    func show(_ request: Request, org: String, id: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let stored = try await DashboardErrors.mapped { () async throws(BrokleError) in try await traces.trace(id: id) }
        // Another organization's trace does not exist for this member.
        guard let stored, stored.record.organizationID == membership.organizationID else { throw DashboardErrors.notFound("trace '\(id)'") }
        return try DashboardJSON.response(DashboardTrace(stored, whole: true))
    }
}
