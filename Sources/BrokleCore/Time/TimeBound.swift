import Foundation

/// `--since` / `--until` values: an RFC 3339 time, or a duration before now (`90m`, `24h`, `7d`).
package enum TimeBound {
    package static func parse(_ text: String, flag: String, now: Date) throws(BrokleError) -> Date {
        if let date = RFC3339.date(from: text) { return date }
        guard let seconds = try? DurationText.seconds(text, what: flag) else {
            throw BrokleError(
                .usage, "invalid \(flag) '\(text)'", hint: "use RFC 3339 (2026-11-01T00:00:00Z) or a duration before now (90m, 24h, 7d)")
        }
        return now.addingTimeInterval(-seconds)
    }

    /// Both bounds, checked to be in order.
    package static func range(since: String?, until: String?, now: Date) throws(BrokleError) -> (Date?, Date?) {
        let start = try since.map { (text) throws(BrokleError) in try parse(text, flag: "--since", now: now) }
        let end = try until.map { (text) throws(BrokleError) in try parse(text, flag: "--until", now: now) }
        if let start, let end, end < start {
            throw BrokleError(.usage, "--until (\(RFC3339.string(from: end))) is before --since (\(RFC3339.string(from: start)))")
        }
        return (start, end)
    }
}
