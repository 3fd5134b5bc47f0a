import Foundation

/// A person's membership of an organization, with their role in it.
package struct Member: Sendable, Equatable {
    package var orgSlug: String
    package var userID: String
    package var email: String
    package var name: String?
    package var role: Role
    package var createdAt: Date

    package init(orgSlug: String, userID: String, email: String, name: String? = nil, role: Role, createdAt: Date) {
        self.orgSlug = orgSlug
        self.userID = userID
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}
