/// What a member's role lets it do through the dashboard and its API (enforced by the server):
/// every member reads; a developer also creates, rotates and revokes keys outside production
/// environments; an admin manages keys anywhere, limits, budgets, guardrails and logging, and reads
/// the audit log; an owner also manages members.
package enum DashboardPermission: Sendable, Equatable {
    case read
    /// Create, rotate or revoke a key of an environment (`production`: a production one).
    case manageKeys(production: Bool)
    case manageLimits
    case manageBudgets
    case manageGuardrails
    case manageLogging
    case manageMembers
    /// Read the audit log (owners and admins).
    case readAudit

    /// Production environments, where only admins and owners manage keys: slugs `production`, `prod`.
    package static func isProduction(environment slug: String) -> Bool {
        slug == "production" || slug == "prod"
    }
}

extension Role {
    package func may(_ permission: DashboardPermission) -> Bool {
        switch (self, permission) {
        case (_, .read): true
        case (.owner, _): true
        case (.admin, .manageMembers): false
        case (.admin, _): true
        case (.developer, .manageKeys(let production)): !production
        case (.developer, _), (.viewer, _): false
        }
    }
}
