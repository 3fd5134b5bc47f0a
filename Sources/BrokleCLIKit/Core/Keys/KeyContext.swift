import Foundation

/// Who is calling, once a key is authenticated: what the gateway scopes traces, limits and
/// model access by.
public struct KeyContext: Sendable, Equatable {
    public var keyID: String
    public var publicID: String
    public var organizationID: String
    public var orgSlug: String
    public var projectID: String
    public var projectSlug: String
    public var environmentID: String
    public var environmentSlug: String
    public var allowedModels: [ModelPattern]?
    public var expiresAt: Date?
    /// The organization's plan, for its quotas (monthly requests).
    public var plan: Plan = .free

    public func allows(model: String) -> Bool {
        allowedModels?.contains { $0.matches(model) } ?? true
    }
}
