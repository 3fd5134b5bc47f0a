import Foundation

/// A virtual API key as stored: never its secret, only where it belongs and what it may do.
package struct APIKey: Sendable, Equatable {
    package var id: String
    package var publicID: String
    package var name: String?
    package var organizationID: String
    package var orgSlug: String
    package var projectID: String
    package var projectSlug: String
    package var environmentID: String
    package var environmentSlug: String
    /// nil: every model; otherwise the patterns a request's model must match.
    package var allowedModels: [ModelPattern]?
    package var createdAt: Date
    package var expiresAt: Date?
    package var revokedAt: Date?
    package var lastUsedAt: Date?
    /// After a rotation, until when the previous secret is still accepted.
    package var previousSecretValidUntil: Date?

    package enum Status: String, Sendable, Codable { case active, revoked, expired }

    package func status(at now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }

    package var context: KeyContext {
        KeyContext(
            keyID: id, publicID: publicID, organizationID: organizationID, orgSlug: orgSlug, projectID: projectID,
            projectSlug: projectSlug, environmentID: environmentID, environmentSlug: environmentSlug,
            allowedModels: allowedModels, expiresAt: expiresAt
        )
    }

    package init(
        id: String, publicID: String, name: String? = nil, organizationID: String, orgSlug: String, projectID: String, projectSlug: String,
        environmentID: String, environmentSlug: String, allowedModels: [ModelPattern]? = nil, createdAt: Date, expiresAt: Date? = nil,
        revokedAt: Date? = nil, lastUsedAt: Date? = nil, previousSecretValidUntil: Date? = nil
    ) {
        self.id = id
        self.publicID = publicID
        self.name = name
        self.organizationID = organizationID
        self.orgSlug = orgSlug
        self.projectID = projectID
        self.projectSlug = projectSlug
        self.environmentID = environmentID
        self.environmentSlug = environmentSlug
        self.allowedModels = allowedModels
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.previousSecretValidUntil = previousSecretValidUntil
    }
}
