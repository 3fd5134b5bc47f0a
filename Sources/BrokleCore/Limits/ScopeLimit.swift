import Foundation

/// A row of `limits`: the rate and concurrency limits set on one scope.
package struct ScopeLimit: Sendable, Equatable {
    package var scope: LimitScope
    package var organizationID: String
    package var limits: RateLimits
    package var createdAt: Date
    package var updatedAt: Date

    package init(scope: LimitScope, organizationID: String, limits: RateLimits, createdAt: Date, updatedAt: Date) {
        self.scope = scope
        self.organizationID = organizationID
        self.limits = limits
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
