import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/audit?action=&actor=&target=&before=&limit=`: the organization's audit log,
/// newest first (`brokle audit query`), for its owners and admins.
struct AuditHandler: Sendable {
    let auth: DashboardAuth
    let audit: AuditStore

    struct Row: Encodable {
        var id: String
        var occurredAt: Date
        var actor: String
        var origin: String
        var action: String
        var target: String
        var before: JSONValue?
        var after: JSONValue?
    }

    struct Page: Encodable {
        var rows: [Row]
        var nextBefore: String?
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org, may: .readAudit)
        let query = request.uri.queryParameters
        var filter = AuditFilter()
        filter.organizationID = membership.organizationID
        filter.action = query["action"].map(String.init)
        filter.actor = query["actor"].map(String.init)
        filter.target = query["target"].map(String.init)
        filter.before = query["before"].map(String.init)
        let limit = Int(query["limit"] ?? "") ?? 100
        guard (1...1000).contains(limit) else { throw GatewayError.invalidRequest("'limit' is from 1 to 1000.", param: "limit") }
        let entries = try await DashboardErrors.mapped { () async throws(BrokleError) in try await audit.query(filter, limit: limit) }
        let rows = entries.map(\.event).map {
            Row(
                id: $0.id, occurredAt: $0.occurredAt, actor: $0.actor, origin: $0.origin, action: $0.action, target: $0.target,
                before: $0.before, after: $0.after)
        }
        return try DashboardJSON.response(Page(rows: rows, nextBefore: rows.count == limit ? rows.last?.id : nil))
    }
}
