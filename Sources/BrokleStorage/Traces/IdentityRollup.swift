import BrokleCore
import Foundation

/// `usage_identity_hourly` (migration 0017): per hour and tenant, the totals of each end user
/// (kind `user`) and of each tag (kind `tag`), `''` standing for none. Every trace counts once among
/// the users and once per tag (once under `''` without tags), so a report grouped by end user or by
/// tag reads these rows instead of its range's traces. No key, model or provider: a report that
/// needs those with an identity reads the traces.
enum IdentityRollup {
    static let table = "usage_identity_hourly"
    static let keyColumns = ["kind", "hour_start", "organization_id", "project_id", "environment_id", "value"]
    static let columns = keyColumns + UsageRollup.totalColumns
    static let upsert = UsageRollup.upsert(table: table, key: keyColumns)

    enum Kind: String, Sendable {
        case user, tag
    }

    struct Group: Hashable {
        var kind: Kind
        var hour: Date
        var organization, project, environment: String
        /// The end user or the tag; `''` for none.
        var value: String
    }

    /// Adds `totals` to their rows (negative totals subtract).
    static func add<S: TraceStatements>(_ totals: [Group: UsageRollup.Totals], on statements: S) async throws {
        try await statements.inSlices(
            Array(totals), columns: columns.count, sql: { S.insert(into: table, columns, rows: $0) + upsert },
            bind: { row, binds in bind(row.key, row.value, into: &binds) }, run: statements.run)
    }

    /// `traces` summed by hour, tenant and end user, and by hour, tenant and tag.
    static func totals(_ traces: [TraceRecord]) -> [Group: UsageRollup.Totals] {
        var groups: [Group: UsageRollup.Totals] = [:]
        for trace in traces {
            forEachGroup(of: trace) { groups[$0, default: UsageRollup.Totals()].add(trace) }
        }
        return groups
    }

    /// The rows a trace counts in: its end user's (or none's), and each of its tags' (or none's).
    static func forEachGroup(of trace: TraceRecord, _ body: (Group) -> Void) {
        let hour = UsageRollup.floorHour(trace.startedAt)
        var group = Group(
            kind: .user, hour: hour, organization: trace.organizationID, project: trace.projectID,
            environment: trace.environmentID, value: trace.endUser ?? "")
        body(group)
        group.kind = .tag
        guard let tags = trace.tags, !tags.isEmpty else {
            group.value = ""
            return body(group)
        }
        for (index, tag) in tags.enumerated() where !tags[..<index].contains(tag) {
            group.value = tag
            body(group)
        }
    }

    static func bind<B: TraceRowSink>(_ group: Group, _ totals: UsageRollup.Totals, into binds: inout B) {
        binds.bind(group.kind.rawValue)
        binds.bind(group.hour)
        binds.bind(group.organization)
        binds.bind(group.project)
        binds.bind(group.environment)
        binds.bind(group.value)
        totals.bind(into: &binds)
    }
}
