import BrokleCore
import Foundation
import SQLKit

/// Deletes stored answers of the response cache in one statement and says how many and how large.
/// Running proxies keep serving what they already loaded until their next cache refresh.
package struct CacheEntryPurge: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package struct Result: Sendable, Equatable {
        package var purged: Int
        package var bytes: Int
    }

    /// Deletes every entry `filter` matches (all of them for an empty filter), and records the purge
    /// in the audit log in the same transaction.
    package func purge(_ filter: CacheEntryFilter, by actor: AuditActor) async throws(BrokleError) -> Result {
        let matching: SQLQueryString =
            #"DELETE FROM cache_entries WHERE "key" IN (SELECT c."key" FROM "# + CacheEntryFilter.source + " "
            + filter.whereClause() + ")"
        let dialect = database.dialect
        return try await database.write("purge the response cache") { sql in
            let result = try await Self.delete(matching, dialect: dialect, on: sql)
            var organizationID: String?
            if let org = filter.org { organizationID = try await OrganizationStore.find(org, on: sql)?.id }
            try await AuditStore.record(
                AuditEvent(
                    .cachePurge, by: actor, organizationID: organizationID, target: filter.auditTarget, before: filter.auditState,
                    after: .object(["purged": .int(result.purged), "bytes": .int(result.bytes)])),
                on: sql)
            return result
        }
    }

    private static func delete(_ matching: SQLQueryString, dialect: SQLDialectKind, on sql: any SQLDatabase) async throws -> Result {
        switch dialect {
        case .postgres:
            // A data-modifying CTE counts and sums what the one DELETE removed.
            let row = try await sql.raw(
                """
                WITH gone AS (\(matching) RETURNING bytes)
                SELECT CAST(count(*) AS BIGINT) AS purged, CAST(COALESCE(sum(bytes), 0) AS BIGINT) AS bytes FROM gone
                """
            ).first()
            return Result(
                purged: try row?.decode(column: "purged", as: Int.self) ?? 0, bytes: try row?.decode(column: "bytes", as: Int.self) ?? 0
            )
        case .sqlite:
            // SQLite has no DELETE inside WITH: the statement returns each row's size instead.
            let rows = try await sql.raw("\(matching) RETURNING bytes").all()
            let sizes = try rows.map { try $0.decode(column: "bytes", as: Int.self) }
            return Result(purged: sizes.count, bytes: sizes.reduce(0, +))
        }
    }
}
