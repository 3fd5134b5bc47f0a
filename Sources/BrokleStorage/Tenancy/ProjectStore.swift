import BrokleCore
import Foundation
import SQLKit

/// Projects of an organization. A new project gets its environments (by default `development`
/// and `production`) in the same transaction.
package struct ProjectStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package static let defaultEnvironments = ["development", "production"]

    static let columns: SQLQueryString = "p.id, p.organization_id, o.slug AS org_slug, p.slug, p.name, p.created_at, p.updated_at"
    static let from: SQLQueryString = "projects p JOIN organizations o ON o.id = p.organization_id"

    static func decode(_ row: any SQLRow) throws -> Project {
        Project(
            id: try row.decode(column: "id", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            orgSlug: try row.decode(column: "org_slug", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self)
        )
    }

    /// Creates `org/project` with `environments`; with `ifNotExists` an existing project is returned.
    package func create(
        org: String, slug: String, name: String?, environments: [String] = defaultEnvironments, ifNotExists: Bool, by actor: AuditActor
    ) async throws(BrokleError) -> (Project, created: Bool) {
        try await database.write("create project '\(org)/\(slug)'") { sql in
            guard let organization = try await OrganizationStore.find(org, on: sql) else { throw OrganizationStore.notFound(org) }
            if let existing = try await Self.find(org: org, slug: slug, on: sql) {
                guard ifNotExists else {
                    throw BrokleError(.conflict, "project '\(org)/\(slug)' already exists", hint: "pass --if-not-exists to reuse it")
                }
                return (existing, false)
            }
            let now = Date()
            let project = Project(
                id: Identifier.make(), organizationID: organization.id, orgSlug: org, slug: slug,
                name: name ?? slug, createdAt: now, updatedAt: now
            )
            try await sql.raw(
                """
                INSERT INTO projects (id, organization_id, slug, name, created_at, updated_at)
                VALUES (\(bind: project.id), \(bind: organization.id), \(bind: slug), \(bind: project.name), \(bind: now), \(bind: now))
                """
            ).run()
            let slugs = Set(environments).sorted()
            for environment in slugs {
                try await EnvironmentStore.insert(projectID: project.id, slug: environment, at: now, on: sql)
            }
            var after = AuditState.of(project)
            if case .object(var fields) = after {
                fields["environments"] = .array(slugs.map { .string($0) })
                after = .object(fields)
            }
            try await AuditStore.record(
                AuditEvent(.projectCreate, by: actor, organizationID: organization.id, target: "\(org)/\(slug)", after: after, at: now),
                on: sql)
            return (project, true)
        }
    }

    /// Projects of `org`, or of every organization when nil, by org then project slug.
    package func list(org: String?) async throws(BrokleError) -> [Project] {
        if let org { _ = try await OrganizationStore(database).get(org) }
        return try await database.call("list projects") {
            let filter: SQLQueryString = org.map { "WHERE o.slug = \(bind: $0)" } ?? ""
            return try await database.sql.raw("SELECT \(Self.columns) FROM \(Self.from) \(filter) ORDER BY o.slug, p.slug")
                .all().map(Self.decode)
        }
    }

    package func get(org: String, slug: String) async throws(BrokleError) -> Project {
        let found = try await database.call("read project '\(org)/\(slug)'") { try await Self.find(org: org, slug: slug, on: database.sql) }
        guard let found else { throw try await notFound(org: org, slug: slug) }
        return found
    }

    /// Deletes `org/project` with its environments. Refuses while it has live keys unless `cascade`.
    package func delete(org: String, slug: String, cascade: Bool, by actor: AuditActor) async throws(BrokleError) -> Project {
        let project = try await get(org: org, slug: slug)
        return try await database.write("delete project '\(org)/\(slug)'") { sql in
            let keys = try await database.count(
                """
                SELECT count(*) AS n FROM api_keys k JOIN environments e ON e.id = k.environment_id
                WHERE e.project_id = \(bind: project.id) AND k.revoked_at IS NULL
                """, on: sql)
            if keys > 0 && !cascade {
                throw BrokleError(
                    .conflict, "project '\(org)/\(slug)' still has \(keys) live API key(s)",
                    hint: "revoke them first, or pass --cascade to delete them with the project"
                )
            }
            try await sql.raw("DELETE FROM projects WHERE id = \(bind: project.id)").run()
            try await AuditStore.record(
                AuditEvent(
                    .projectDelete, by: actor, organizationID: project.organizationID, target: "\(org)/\(slug)",
                    before: AuditState.of(project)),
                on: sql)
            return project
        }
    }

    static func find(org: String, slug: String, on sql: any SQLDatabase) async throws -> Project? {
        try await sql.raw("SELECT \(columns) FROM \(from) WHERE o.slug = \(bind: org) AND p.slug = \(bind: slug)").first().map(decode)
    }

    /// Says which part is missing: the organization or the project.
    func notFound(org: String, slug: String) async throws(BrokleError) -> BrokleError {
        _ = try await OrganizationStore(database).get(org)
        return BrokleError(
            .notFound, "project '\(org)/\(slug)' does not exist", hint: "`brokle orgs projects list \(org)` shows its projects")
    }
}
