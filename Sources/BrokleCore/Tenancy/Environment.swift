import Foundation

/// An environment of a project (`acme/web/production`); API keys belong to one.
package struct Environment: Sendable, Equatable {
    package var id: String
    package var projectID: String
    package var orgSlug: String
    package var projectSlug: String
    package var slug: String
    package var createdAt: Date

    package init(id: String, projectID: String, orgSlug: String, projectSlug: String, slug: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.orgSlug = orgSlug
        self.projectSlug = projectSlug
        self.slug = slug
        self.createdAt = createdAt
    }
}
