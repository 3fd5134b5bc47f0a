import Foundation

/// A person's membership of an organization, with their role in it.
public struct Member: Sendable, Equatable {
    public var orgSlug: String
    public var userID: String
    public var email: String
    public var name: String?
    public var role: Role
    public var createdAt: Date
}
