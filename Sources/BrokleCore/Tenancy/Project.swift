import Foundation

/// A project of an organization (`acme/web`); holds environments.
package struct Project: Sendable, Equatable {
    package var id: String
    package var organizationID: String
    package var orgSlug: String
    package var slug: String
    package var name: String
    package var createdAt: Date
    package var updatedAt: Date

    package init(id: String, organizationID: String, orgSlug: String, slug: String, name: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.orgSlug = orgSlug
        self.slug = slug
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
