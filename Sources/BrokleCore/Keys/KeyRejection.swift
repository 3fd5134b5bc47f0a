/// Why a presented key was refused. The reason is for logs and metrics only: every caller gets the
/// same ``callerMessage``, so a probe cannot tell an unknown key from a revoked one.
package enum KeyRejection: String, Sendable, Error, CaseIterable {
    case malformed
    case unknown
    case wrongSecret = "wrong_secret"
    case revoked
    case expired

    package static let callerMessage = "Invalid API key. Pass a Brokle key (bk_...) as 'Authorization: Bearer <key>'."
}
