import Foundation

// The tenancy tree as values: organization -> project -> environment, and members with roles.

/// The top of the tenancy tree: owns projects and members, and pays for a plan.
package struct Organization: Sendable, Equatable {
    package var id: String
    package var slug: String
    package var name: String
    package var plan: Plan
    package var createdAt: Date
    package var updatedAt: Date

    package init(id: String, slug: String, name: String, plan: Plan, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.plan = plan
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

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

/// What an organization pays for; limits and budgets will key off it.
package enum Plan: String, Sendable, CaseIterable, Codable {
    case free, pro, business, enterprise
}

/// A member's role in an organization, from most to least powerful.
package enum Role: String, Sendable, CaseIterable, Codable {
    case owner, admin, developer, viewer
}
