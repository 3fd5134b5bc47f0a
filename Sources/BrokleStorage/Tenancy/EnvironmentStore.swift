import BrokleCore
import Foundation
import SQLKit

/// Environments of a project (`development`, `production`, ...); API keys belong to one.
package struct EnvironmentStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    static let columns: SQLQueryString = "e.id, e.project_id, o.slug AS org_slug, p.slug AS project_slug, e.slug, e.created_at"
    static let from: SQLQueryString =
        "environments e JOIN projects p ON p.id = e.project_id JOIN organizations o ON o.id = p.organization_id"

    static func decode(_ row: any SQLRow) throws -> Environment {
        Environment(
            id: try row.decode(column: "id", as: String.self),
            projectID: try row.decode(column: "project_id", as: String.self),
            orgSlug: try row.decode(column: "org_slug", as: String.self),
            projectSlug: try row.decode(column: "project_slug", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self)
        )
    }

    package func create(org: String, project: String, slug: String, ifNotExists: Bool, by actor: AuditActor) async throws(BrokleError) -> (
        Environment, created: Bool
    ) {
        let owner = try await ProjectStore(database).get(org: org, slug: project)
        return try await database.write("create environment '\(org)/\(project)/\(slug)'") { sql in
            if let existing = try await Self.find(org: org, project: project, slug: slug, on: sql) {
                guard ifNotExists else {
                    throw BrokleError(
                        .conflict, "environment '\(org)/\(project)/\(slug)' already exists", hint: "pass --if-not-exists to reuse it")
                }
                return (existing, false)
            }
            let id = try await Self.insert(projectID: owner.id, slug: slug, at: Date(), on: sql)
            guard let created = try await Self.find(id: id, on: sql) else {
                throw BrokleError(.internalError, "environment vanished after insert")
            }
            try await AuditStore.record(
                AuditEvent(
                    .environmentCreate, by: actor, organizationID: owner.organizationID, target: "\(org)/\(project)/\(slug)",
                    after: AuditState.of(created), at: created.createdAt),
                on: sql)
            return (created, true)
        }
    }

    /// Environments of `org` (every project) or of `org/project`.
    package func list(org: String, project: String?) async throws(BrokleError) -> [Environment] {
        if let project {
            _ = try await ProjectStore(database).get(org: org, slug: project)
        } else {
            _ = try await OrganizationStore(database).get(org)
        }
        return try await database.call("list environments") {
            let filter: SQLQueryString = project.map { "AND p.slug = \(bind: $0)" } ?? ""
            return try await database.sql.raw(
                "SELECT \(Self.columns) FROM \(Self.from) WHERE o.slug = \(bind: org) \(filter) ORDER BY p.slug, e.slug"
            )
            .all().map(Self.decode)
        }
    }

    package func get(org: String, project: String, slug: String) async throws(BrokleError) -> Environment {
        let found = try await database.call("read environment") {
            try await Self.find(org: org, project: project, slug: slug, on: database.sql)
        }
        guard let found else {
            _ = try await ProjectStore(database).get(org: org, slug: project)
            throw BrokleError(
                .notFound, "environment '\(org)/\(project)/\(slug)' does not exist",
                hint: "`brokle orgs envs list \(org)/\(project)` shows its environments"
            )
        }
        return found
    }

    /// Deletes an environment; refuses while it has live keys unless `cascade`.
    package func delete(org: String, project: String, slug: String, cascade: Bool, by actor: AuditActor) async throws(BrokleError)
        -> Environment
    {
        let owner = try await ProjectStore(database).get(org: org, slug: project)
        let environment = try await get(org: org, project: project, slug: slug)
        return try await database.write("delete environment '\(org)/\(project)/\(slug)'") { sql in
            let keys = try await database.count(
                "SELECT count(*) AS n FROM api_keys WHERE environment_id = \(bind: environment.id) AND revoked_at IS NULL", on: sql)
            if keys > 0 && !cascade {
                throw BrokleError(
                    .conflict, "environment '\(org)/\(project)/\(slug)' still has \(keys) live API key(s)",
                    hint: "revoke them first, or pass --cascade to delete them with the environment"
                )
            }
            try await sql.raw("DELETE FROM environments WHERE id = \(bind: environment.id)").run()
            try await AuditStore.record(
                AuditEvent(
                    .environmentDelete, by: actor, organizationID: owner.organizationID, target: "\(org)/\(project)/\(slug)",
                    before: AuditState.of(environment)),
                on: sql)
            return environment
        }
    }

    @discardableResult
    static func insert(projectID: String, slug: String, at date: Date, on sql: any SQLDatabase) async throws -> String {
        let id = Identifier.make()
        try await sql.raw(
            """
            INSERT INTO environments (id, project_id, slug, created_at) VALUES (\(bind: id), \(bind: projectID), \(bind: slug), \(bind: date))
            """
        ).run()
        return id
    }

    static func find(org: String, project: String, slug: String, on sql: any SQLDatabase) async throws -> Environment? {
        try await sql.raw(
            "SELECT \(columns) FROM \(from) WHERE o.slug = \(bind: org) AND p.slug = \(bind: project) AND e.slug = \(bind: slug)"
        )
        .first().map(decode)
    }

    static func find(id: String, on sql: any SQLDatabase) async throws -> Environment? {
        try await sql.raw("SELECT \(columns) FROM \(from) WHERE e.id = \(bind: id)").first().map(decode)
    }
}
