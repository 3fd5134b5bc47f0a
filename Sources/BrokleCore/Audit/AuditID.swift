import Foundation

/// Audit row ids: `aud_` and 32 hex digits, 48 bits of the time in milliseconds then 80 random bits
/// (the layout of ``RequestID``). Ids made later sort later, so the log is read newest first by its
/// primary key, and a time bound is a bound on the id (``lowerBound(_:)``).
package enum AuditID {
    package static let prefix = "aud_"

    package static func make(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return RequestID.make(milliseconds: milliseconds(date), random: (generator.next(), generator.next()))
            .replacingOccurrences(of: "req_", with: prefix)
    }

    /// The smallest id of a row that happened at or after `date`.
    package static func lowerBound(_ date: Date) -> String {
        RequestID.make(milliseconds: milliseconds(date), random: (0, 0)).replacingOccurrences(of: "req_", with: prefix)
    }

    static func milliseconds(_ date: Date) -> UInt64 {
        UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
