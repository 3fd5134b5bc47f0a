import Foundation

/// A project of an organization (`acme/web`); holds environments.
public struct Project: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var orgSlug: String
    public var slug: String
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
}
