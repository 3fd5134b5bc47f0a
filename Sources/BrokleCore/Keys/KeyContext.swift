import Foundation

/// Who is calling, once a key is authenticated: what the gateway scopes traces, limits and
/// model access by.
package struct KeyContext: Sendable, Equatable {
    package var keyID: String
    package var publicID: String
    package var organizationID: String
    package var orgSlug: String
    package var projectID: String
    package var projectSlug: String
    package var environmentID: String
    package var environmentSlug: String
    package var allowedModels: [ModelPattern]?
    package var expiresAt: Date?
    /// The organization's plan, for its quotas (monthly requests).
    package var plan: Plan = .free

    package func allows(model: String) -> Bool {
        allowedModels?.contains { $0.matches(model) } ?? true
    }
}
