/// The one error type every Brokle command reports: a stable `type` for scripts (and the exit
/// status), a message for people, and an optional hint saying what to do about it.
package struct BrokleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error categories. The raw value is the `type` in the JSON error line; each has a
    /// documented exit status (README, "Exit status").
    package enum Kind: String, Sendable, CaseIterable {
        case internalError = "internal"
        case usage
        case config
        case databaseUnavailable = "database_unavailable"
        case database
        case notFound = "not_found"
        case conflict
        case confirmationRequired = "confirmation_required"
        case migration
        case budgetExceeded = "budget_exceeded"
        /// The gateway stopped and some traces could be neither written nor spilled.
        case tracesLost = "traces_lost"

        /// Process exit status for this kind of failure.
        package var exitCode: Int32 {
            switch self {
            case .internalError: 1
            case .usage: 2
            case .config: 3
            case .databaseUnavailable: 4
            case .database: 5
            case .notFound: 6
            case .conflict: 7
            case .confirmationRequired: 8
            case .migration: 9
            case .budgetExceeded: 10
            case .tracesLost: 11
            }
        }
    }

    package var kind: Kind
    package var message: String
    package var hint: String?

    package init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    package var description: String { "\(kind.rawValue): \(message)" }
}
