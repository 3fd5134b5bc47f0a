import BrokleCore
import Foundation
import SQLKit

/// `responses` over SQLite and PostgreSQL: batched upserts, a point read within an environment,
/// deletion by id, and the sweep of expired rows.
package struct ResponseStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    static let columns = [
        "id", "organization_id", "project_id", "environment_id", "previous_response_id", "model", "input", "response", "created_at",
        "expires_at",
    ]

    /// Stores `responses` (one stored again replaces the old row).
    package func insert(_ responses: [StoredResponse], timeout: Duration? = nil) async throws(BrokleError) {
        guard !responses.isEmpty else { return }
        try await database.write("store \(responses.count) responses", timeout: timeout) { sql in
            var start = 0
            while start < responses.count {
                var insert = sql.insert(into: "responses").columns(Self.columns)
                for response in responses[start..<min(start + 100, responses.count)] { insert = insert.values(Self.values(response)) }
                try await insert.onConflict(with: ["id"]) { update in
                    var update = update
                    for column in ["input", "response", "expires_at"] { update = update.set(excludedValueOf: column) }
                    return update
                }.run()
                start += 100
            }
        }
    }

    /// The live response `id` of `environmentID`, if any: another environment's is not found.
    package func response(id: String, environmentID: String, now: Date, timeout: Duration? = nil) async throws(BrokleError)
        -> StoredResponse?
    {
        try await database.call("read a stored response", timeout: timeout) {
            guard
                let row = try await database.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("responses")
                    .where("id", .equal, id).where("environment_id", .equal, environmentID).where("expires_at", .greaterThan, now)
                    .first()
            else { return nil }
            return try Self.response(row)
        }
    }

    /// Deletes response `id` of `environmentID`; whether there was one.
    package func delete(id: String, environmentID: String, timeout: Duration? = nil) async throws(BrokleError) -> Bool {
        try await database.write("delete a stored response", timeout: timeout) { sql in
            try await !sql.delete(from: "responses").where("id", .equal, id).where("environment_id", .equal, environmentID)
                .returning("id").all().isEmpty
        }
    }

    /// Deletes expired responses; how many went.
    @discardableResult
    package func sweep(now: Date, timeout: Duration? = nil) async throws(BrokleError) -> Int {
        try await database.write("sweep stored responses", timeout: timeout) { sql in
            try await sql.delete(from: "responses").where("expires_at", .lessThanOrEqual, now).returning("id").all().count
        }
    }

    static func values(_ r: StoredResponse) -> [any Encodable & Sendable] {
        [
            r.id, r.organizationID, r.projectID, r.environmentID, r.previousResponseID, r.model, Data(r.input), Data(r.response),
            r.createdAt, r.expiresAt,
        ]
    }

    static func response(_ row: any SQLRow) throws -> StoredResponse {
        StoredResponse(
            id: try row.decode(column: "id", as: String.self), organizationID: try row.decode(column: "organization_id", as: String.self),
            projectID: try row.decode(column: "project_id", as: String.self),
            environmentID: try row.decode(column: "environment_id", as: String.self),
            previousResponseID: try row.decode(column: "previous_response_id", as: String?.self),
            model: try row.decode(column: "model", as: String.self), input: Array(try row.decode(column: "input", as: Data.self)),
            response: Array(try row.decode(column: "response", as: Data.self)),
            createdAt: try row.decode(column: "created_at", as: Date.self), expiresAt: try row.decode(column: "expires_at", as: Date.self)
        )
    }
}
