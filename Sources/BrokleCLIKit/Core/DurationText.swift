import Foundation

/// Relative durations as people type them: `90s`, `15m`, `24h`, `7d`, `2w` (also `1h30m`).
public enum DurationText {
    /// Like ``seconds(_:what:)`` and also accepting `ms` (`250ms`, `1s`): for latencies and timeouts.
    public static func milliseconds(_ text: String, what: String) throws(BrokleError) -> TimeInterval {
        if text.hasSuffix("ms"), let value = Double(text.dropLast(2)), value >= 0, value.isFinite { return value / 1000 }
        return try seconds(text, what: what)
    }

    public static func seconds(_ text: String, what: String) throws(BrokleError) -> TimeInterval {
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
}
