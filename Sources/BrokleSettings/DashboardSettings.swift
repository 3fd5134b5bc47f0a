import Foundation

/// The dashboard `brokle proxy` serves at `/ui` with its API under `/api/v1` (`BROKLE_UI`,
/// `BROKLE_UI_SESSION_TTL`).
package struct DashboardSettings: Sendable, Equatable {
    /// `BROKLE_UI`: on unless `off`.
    package var enabled = true
    /// `BROKLE_UI_SESSION_TTL`: how long a sign-in lasts (12 h by default).
    package var sessionLifetime: TimeInterval = 12 * 3600
    /// Sign-in attempts one client address, and one account, may make in ``signInWindow``.
    package var signInAttemptsPerAddress = 20
    package var signInAttemptsPerAccount = 5
    package var signInWindow: TimeInterval = 300

    package init() {}
}
