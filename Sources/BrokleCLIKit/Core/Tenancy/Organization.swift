import Foundation

/// The top of the tenancy tree: owns projects and members, and pays for a plan.
public struct Organization: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var plan: Plan
    public var createdAt: Date
    public var updatedAt: Date
}
