import Foundation

/// A virtual API key as stored: never its secret, only where it belongs and what it may do.
public struct APIKey: Sendable, Equatable {
    public var id: String
    public var publicID: String
    public var name: String?
    public var organizationID: String
    public var orgSlug: String
    public var projectID: String
    public var projectSlug: String
    public var environmentID: String
    public var environmentSlug: String
    /// nil: every model; otherwise the patterns a request's model must match.
    public var allowedModels: [ModelPattern]?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
    /// After a rotation, until when the previous secret is still accepted.
    public var previousSecretValidUntil: Date?

    public enum Status: String, Sendable, Codable { case active, revoked, expired }

    public func status(at now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }

    public var context: KeyContext {
        KeyContext(
            keyID: id, publicID: publicID, organizationID: organizationID, orgSlug: orgSlug, projectID: projectID,
            projectSlug: projectSlug, environmentID: environmentID, environmentSlug: environmentSlug,
            allowedModels: allowedModels, expiresAt: expiresAt
        )
    }
}
