import Foundation

/// Relative durations as people type them: `90s`, `15m`, `24h`, `7d`, `2w` (also `1h30m`).
package enum DurationText {
    /// Like ``seconds(_:what:)`` and also accepting `ms` (`250ms`, `1s`): for latencies and timeouts.
    package static func milliseconds(_ text: String, what: String) throws(BrokleError) -> TimeInterval {
        if text.hasSuffix("ms"), let value = Double(text.dropLast(2)), value >= 0, value.isFinite { return value / 1000 }
        return try seconds(text, what: what)
    }

    package static func seconds(_ text: String, what: String) throws(BrokleError) -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCIIDigit {
                digits.append(character)
            } else if let unit = units[character], let value = Int(digits), value >= 0 {
                total += TimeInterval(value) * unit
                digits = ""
                sawUnit = true
            } else {
                digits = "invalid"
                break
            }
        }
        guard digits.isEmpty, sawUnit, total.isFinite else {
            throw BrokleError(.usage, "invalid \(what) '\(text)'", hint: "use a number and a unit: 90s, 15m, 24h, 7d, 2w")
        }
        return total
    }

    /// `seconds` the way OpenAI's `x-ratelimit-reset-*` headers write it: `120ms`, `1.5s`, `6m0s`, `1h2m3s`.
    package static func compact(_ seconds: TimeInterval) -> String {
        if seconds < 1 { return "\(max(1, Int((seconds * 1000).rounded(.up))))ms" }
        if seconds < 60 {
            let tenths = (seconds * 10).rounded(.up) / 10
            return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
        }
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        return hours > 0 ? "\(hours)h\(minutes)m\(rest)s" : "\(minutes)m\(rest)s"
    }
}
