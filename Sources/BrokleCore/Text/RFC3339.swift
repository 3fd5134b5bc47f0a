import Foundation

/// RFC 3339 timestamps in UTC, with milliseconds when the time has them
/// (`2026-11-28T04:07:03Z`, `2026-11-28T04:07:03.250Z`).
package enum RFC3339 {
    package static func string(from date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        let whole = Date(timeIntervalSince1970: (millis / 1000).rounded(.down))
        let fraction = Int(millis.truncatingRemainder(dividingBy: 1000))
        var text = whole.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
        if text.hasSuffix("Z") { text.removeLast() }
        if fraction > 0 {
            text += "." + String(String(fraction + 1000).dropFirst())
        }
        return text + "Z"
    }

    package static func date(from text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
