import BrokleCore
import Foundation
import SQLKit

/// What a signed-in member may see: the organizations it belongs to and its role in each, read
/// on every dashboard request (no cache), so a member removed from an organization loses its
/// pages at once.
package struct MembershipLookup: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// One organization of a member.
    package struct Membership: Sendable, Equatable {
        package var organizationID: String
        package var slug: String
        package var name: String
        package var role: Role
    }

    /// The member's organizations, by slug.
    package func organizations(of userID: String) async throws(BrokleError) -> [Membership] {
        try await database.call("read a member's organizations") {
            try await database.sql.raw("\(Self.select) WHERE m.user_id = \(bind: userID) ORDER BY o.slug").all().map(Self.decode)
        }
    }

    /// The member's membership of `slug`, or nil when it is not one (or the organization does not exist).
    package func membership(of userID: String, in slug: String) async throws(BrokleError) -> Membership? {
        try await database.call("read a membership") {
            try await database.sql.raw("\(Self.select) WHERE m.user_id = \(bind: userID) AND o.slug = \(bind: slug)").first().map(
                Self.decode)
        }
    }

    static let select: SQLQueryString = """
        SELECT o.id, o.slug, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id
        """

    static func decode(_ row: any SQLRow) throws -> Membership {
        Membership(
            organizationID: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer)
    }
}
