import Foundation

/// A row of `limits`: the rate and concurrency limits set on one scope.
public struct ScopeLimit: Sendable, Equatable {
    public var scope: LimitScope
    public var organizationID: String
    public var limits: RateLimits
    public var createdAt: Date
    public var updatedAt: Date

    public init(scope: LimitScope, organizationID: String, limits: RateLimits, createdAt: Date, updatedAt: Date) {
        self.scope = scope
        self.organizationID = organizationID
        self.limits = limits
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
