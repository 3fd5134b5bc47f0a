import Foundation

/// An environment of a project (`acme/web/production`); API keys belong to one.
public struct Environment: Sendable, Equatable {
    public var id: String
    public var projectID: String
    public var orgSlug: String
    public var projectSlug: String
    public var slug: String
    public var createdAt: Date
}
