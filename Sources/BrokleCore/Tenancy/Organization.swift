import Foundation

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
