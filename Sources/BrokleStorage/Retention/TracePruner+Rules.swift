import BrokleCore
import Foundation

extension TracePruner {
    /// The retention rules: the gateway's defaults, and each organization's own from
    /// `logging_policies` (written by `brokle logging`; 0 seconds there is `forever`).
    package func rules(traceRetention: TimeInterval?, contentRetention: TimeInterval?) async throws(BrokleError) -> RetentionRules {
        let database = self.database
        let rows = try await database.call("read retention policies", timeout: timeout) {
            try await database.sql.raw(
                """
                SELECT organization_id, trace_retention_seconds, content_retention_seconds FROM logging_policies
                WHERE scope_kind = 'organization' AND (trace_retention_seconds IS NOT NULL OR content_retention_seconds IS NOT NULL)
                """
            ).all().map { row in
                (
                    try row.decode(column: "organization_id", as: String.self),
                    LoggingPolicy(
                        traceRetentionSeconds: try row.decode(column: "trace_retention_seconds", as: Int?.self),
                        contentRetentionSeconds: try row.decode(column: "content_retention_seconds", as: Int?.self))
                )
            }
        }
        return RetentionRules(
            traceRetention: traceRetention, contentRetention: contentRetention,
            organizations: Dictionary(rows, uniquingKeysWith: { first, _ in first }))
    }
}
