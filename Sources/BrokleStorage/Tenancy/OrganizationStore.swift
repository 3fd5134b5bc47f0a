import BrokleCore
import Foundation
import SQLKit

/// Organizations: create, read, update, delete, each write one transaction.
package struct OrganizationStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// An organization with how much hangs off it.
    package struct Summary: Sendable {
        package var organization: Organization
        package var projects: Int
        package var members: Int
    }

    static let columns: SQLQueryString = "o.id, o.slug, o.name, o.plan, o.created_at, o.updated_at"

    static func decode(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            plan: Plan(rawValue: try row.decode(column: "plan", as: String.self)) ?? .free,
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self)
        )
    }

    /// Creates `slug`; with `ifNotExists` an existing organization is returned instead (`created` false).
    package func create(slug: String, name: String?, plan: Plan, ifNotExists: Bool, by actor: AuditActor) async throws(BrokleError) -> (
        Organization, created: Bool
    ) {
        try await database.write("create organization '\(slug)'") { sql in
            if let existing = try await Self.find(slug, on: sql) {
                guard ifNotExists else {
                    throw BrokleError(.conflict, "organization '\(slug)' already exists", hint: "pass --if-not-exists to reuse it")
                }
                return (existing, false)
            }
            let now = Date()
            let organization = Organization(
                id: Identifier.make(), slug: slug, name: name ?? slug, plan: plan, createdAt: now, updatedAt: now)
            try await sql.raw(
                """
                INSERT INTO organizations (id, slug, name, plan, created_at, updated_at)
                VALUES (\(bind: organization.id), \(bind: slug), \(bind: organization.name), \(bind: plan.rawValue), \(bind: now), \(bind: now))
                """
            ).run()
            try await AuditStore.record(
                AuditEvent(
                    .organizationCreate, by: actor, organizationID: organization.id, target: slug, after: AuditState.of(organization),
                    at: now),
                on: sql)
            return (organization, true)
        }
    }

    package func list() async throws(BrokleError) -> [Summary] {
        try await summaries(slug: nil)
    }

    /// Organizations with their counts: all of them, or the one named `slug`.
    private func summaries(slug: String?) async throws(BrokleError) -> [Summary] {
        try await database.call("list organizations") {
            let filter: SQLQueryString = slug.map { "WHERE o.slug = \(bind: $0)" } ?? ""
            return try await database.sql.raw(
                """
                SELECT \(Self.columns),
                       (SELECT count(*) FROM projects p WHERE p.organization_id = o.id) AS project_count,
                       (SELECT count(*) FROM memberships m WHERE m.organization_id = o.id) AS member_count
                FROM organizations o \(filter) ORDER BY o.slug
                """
            ).all().map { row in
                Summary(
                    organization: try Self.decode(row),
                    projects: try row.decode(column: "project_count", as: Int.self),
                    members: try row.decode(column: "member_count", as: Int.self)
                )
            }
        }
    }

    /// The organization `slug`, with its counts; `not_found` when there is none.
    package func summary(_ slug: String) async throws(BrokleError) -> Summary {
        guard let summary = try await summaries(slug: slug).first else {
            throw Self.notFound(slug)
        }
        return summary
    }

    package func get(_ slug: String) async throws(BrokleError) -> Organization {
        let found = try await database.call("read organization '\(slug)'") { try await Self.find(slug, on: database.sql) }
        guard let found else { throw Self.notFound(slug) }
        return found
    }

    /// Changes name, plan and/or slug.
    package func update(_ slug: String, name: String?, plan: Plan?, newSlug: String?, by actor: AuditActor) async throws(BrokleError)
        -> Organization
    {
        try await database.write("update organization '\(slug)'") { sql in
            guard var organization = try await Self.find(slug, on: sql) else { throw Self.notFound(slug) }
            let before = organization
            if let newSlug, newSlug != slug, try await Self.find(newSlug, on: sql) != nil {
                throw BrokleError(.conflict, "organization '\(newSlug)' already exists")
            }
            organization.name = name ?? organization.name
            organization.plan = plan ?? organization.plan
            organization.slug = newSlug ?? organization.slug
            organization.updatedAt = Date()
            try await sql.raw(
                """
                UPDATE organizations SET slug = \(bind: organization.slug), name = \(bind: organization.name),
                       plan = \(bind: organization.plan.rawValue), updated_at = \(bind: organization.updatedAt)
                WHERE id = \(bind: organization.id)
                """
            ).run()
            try await AuditStore.record(
                AuditEvent(
                    .organizationUpdate, by: actor, organizationID: organization.id, target: slug, before: AuditState.of(before),
                    after: AuditState.of(organization), at: organization.updatedAt),
                on: sql)
            return organization
        }
    }

    /// Deletes `slug`. While it has projects this refuses unless `cascade`, which removes its
    /// projects, environments, keys and memberships with it.
    package func delete(_ slug: String, cascade: Bool, by actor: AuditActor) async throws(BrokleError) -> Organization {
        try await database.write("delete organization '\(slug)'") { sql in
            guard let organization = try await Self.find(slug, on: sql) else { throw Self.notFound(slug) }
            let projects = try await database.count(
                "SELECT count(*) AS n FROM projects WHERE organization_id = \(bind: organization.id)", on: sql)
            if projects > 0 && !cascade {
                throw BrokleError(
                    .conflict, "organization '\(slug)' still has \(projects) project(s)",
                    hint: "delete them first, or pass --cascade to delete them with their environments and keys"
                )
            }
            try await sql.raw("DELETE FROM organizations WHERE id = \(bind: organization.id)").run()
            try await AuditStore.record(
                AuditEvent(
                    .organizationDelete, by: actor, organizationID: organization.id, target: slug, before: AuditState.of(organization)),
                on: sql)
            return organization
        }
    }

    static func find(_ slug: String, on sql: any SQLDatabase) async throws -> Organization? {
        try await sql.raw("SELECT \(columns) FROM organizations o WHERE o.slug = \(bind: slug)").first().map(decode)
    }

    static func notFound(_ slug: String) -> BrokleError {
        BrokleError(.notFound, "organization '\(slug)' does not exist", hint: "`brokle orgs list` shows the organizations")
    }
}
