import BrokleCore
import Foundation
import SQLKit

/// Members of an organization and their roles. An organization that has owners always keeps at
/// least one: demoting or removing the last owner is refused.
package struct MemberStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    static let select: SQLQueryString = """
        SELECT o.slug AS org_slug, u.id AS user_id, u.email, u.name, m.role, m.created_at
        FROM memberships m JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.organization_id
        """

    static func decode(_ row: any SQLRow) throws -> Member {
        Member(
            orgSlug: try row.decode(column: "org_slug", as: String.self),
            userID: try row.decode(column: "user_id", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String?.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
            createdAt: try row.decode(column: "created_at", as: Date.self)
        )
    }

    /// Adds `email` (creating the user when new) with `role`. An existing membership is a conflict,
    /// or with `ifNotExists` is returned unchanged. An organization whose plan (under `quotas`)
    /// allows no more members refuses with a `conflict`; the count and the insert are one
    /// transaction that holds the organization's row, so concurrent adds cannot both pass.
    package func add(
        org: String, email: String, name: String?, role: Role, ifNotExists: Bool, quotas: [Plan: PlanQuota] = PlanQuota.shipped,
        by actor: AuditActor
    ) async throws(BrokleError) -> (Member, created: Bool) {
        try await database.write("add member '\(email)' to '\(org)'") { [dialect = database.dialect] sql in
            guard let organization = try await OrganizationStore.find(org, on: sql) else { throw OrganizationStore.notFound(org) }
            let allowed = quotas[organization.plan]?.members
            if allowed != nil && dialect == .postgres {
                // SQLite's write transactions already take turns; PostgreSQL's queue on this row lock.
                try await sql.raw("SELECT id FROM organizations WHERE id = \(bind: organization.id) FOR UPDATE").run()
            }
            if let existing = try await Self.find(org: org, email: email, on: sql) {
                guard ifNotExists else {
                    throw BrokleError(
                        .conflict, "'\(email)' is already a member of '\(org)' (\(existing.role.rawValue))",
                        hint: "use `brokle orgs members set-role` to change the role, or --if-not-exists"
                    )
                }
                return (existing, false)
            }
            if let allowed {
                let count =
                    try await sql.raw(
                        "SELECT count(*) AS n FROM memberships WHERE organization_id = \(bind: organization.id)"
                    ).first()?.decode(column: "n", as: Int.self) ?? 0
                if count >= allowed {
                    throw PlanQuota.membersExceeded(org: org, plan: organization.plan, allowed: allowed, count: count, quotas: quotas)
                }
            }
            let now = Date()
            let userID: String
            if let row = try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first() {
                userID = try row.decode(column: "id", as: String.self)
                if let name { try await sql.raw("UPDATE users SET name = \(bind: name) WHERE id = \(bind: userID)").run() }
            } else {
                userID = Identifier.make()
                try await sql.raw(
                    "INSERT INTO users (id, email, name, created_at) VALUES (\(bind: userID), \(bind: email), \(bind: name), \(bind: now))"
                ).run()
            }
            try await sql.raw(
                """
                INSERT INTO memberships (organization_id, user_id, role, created_at)
                VALUES (\(bind: organization.id), \(bind: userID), \(bind: role.rawValue), \(bind: now))
                """
            ).run()
            let member = Member(orgSlug: org, userID: userID, email: email, name: name, role: role, createdAt: now)
            try await AuditStore.record(
                AuditEvent(
                    .memberAdd, by: actor, organizationID: organization.id, target: "\(org)/\(email)", after: AuditState.of(member), at: now
                ),
                on: sql)
            return (member, true)
        }
    }

    package func list(org: String) async throws(BrokleError) -> [Member] {
        _ = try await OrganizationStore(database).get(org)
        return try await database.call("list members of '\(org)'") {
            try await database.sql.raw("\(Self.select) WHERE o.slug = \(bind: org) ORDER BY u.email").all().map(Self.decode)
        }
    }

    /// Gives `email` the role `role`; the same role again changes (and records) nothing.
    package func setRole(org: String, email: String, role: Role, by actor: AuditActor) async throws(BrokleError) -> Member {
        try await database.write("change the role of '\(email)' in '\(org)'") { sql in
            var member = try await Self.require(org: org, email: email, on: sql)
            guard member.role != role else { return member }
            let before = member
            if member.role == .owner && role != .owner { try await Self.refuseIfLastOwner(member, on: sql) }
            try await sql.raw(
                """
                UPDATE memberships SET role = \(bind: role.rawValue)
                WHERE user_id = \(bind: member.userID) AND organization_id = (SELECT id FROM organizations WHERE slug = \(bind: org))
                """
            ).run()
            member.role = role
            try await AuditStore.record(
                AuditEvent(
                    .memberSetRole, by: actor, organizationID: try await Self.organizationID(org, on: sql), target: "\(org)/\(email)",
                    before: AuditState.of(before), after: AuditState.of(member)),
                on: sql)
            return member
        }
    }

    package func remove(org: String, email: String, by actor: AuditActor) async throws(BrokleError) -> Member {
        try await database.write("remove '\(email)' from '\(org)'") { sql in
            let member = try await Self.require(org: org, email: email, on: sql)
            if member.role == .owner { try await Self.refuseIfLastOwner(member, on: sql) }
            try await sql.raw(
                """
                DELETE FROM memberships
                WHERE user_id = \(bind: member.userID) AND organization_id = (SELECT id FROM organizations WHERE slug = \(bind: org))
                """
            ).run()
            try await AuditStore.record(
                AuditEvent(
                    .memberRemove, by: actor, organizationID: try await Self.organizationID(org, on: sql), target: "\(org)/\(email)",
                    before: AuditState.of(member)),
                on: sql)
            return member
        }
    }

    static func organizationID(_ org: String, on sql: any SQLDatabase) async throws -> String? {
        try await OrganizationStore.find(org, on: sql)?.id
    }

    static func require(org: String, email: String, on sql: any SQLDatabase) async throws -> Member {
        guard try await OrganizationStore.find(org, on: sql) != nil else { throw OrganizationStore.notFound(org) }
        guard let member = try await find(org: org, email: email, on: sql) else {
            throw BrokleError(
                .notFound, "'\(email)' is not a member of '\(org)'", hint: "`brokle orgs members list \(org)` shows its members")
        }
        return member
    }

    static func refuseIfLastOwner(_ member: Member, on sql: any SQLDatabase) async throws {
        let owners =
            try await sql.raw(
                """
                SELECT count(*) AS n FROM memberships m JOIN organizations o ON o.id = m.organization_id
                WHERE o.slug = \(bind: member.orgSlug) AND m.role = 'owner'
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        if owners <= 1 {
            throw BrokleError(
                .conflict, "'\(member.email)' is the last owner of '\(member.orgSlug)'",
                hint: "make another member an owner first"
            )
        }
    }

    static func find(org: String, email: String, on sql: any SQLDatabase) async throws -> Member? {
        try await sql.raw("\(select) WHERE o.slug = \(bind: org) AND u.email = \(bind: email)").first().map(decode)
    }
}
