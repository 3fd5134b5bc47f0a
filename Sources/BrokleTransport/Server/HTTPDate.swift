import Foundation
import Synchronization

/// The `Date` header's value (IMF-fixdate), formatted once a second rather than per response.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static var now: String {
        let seconds = Int(Date().timeIntervalSince1970)
        if let text = cache.withLock({ $0.second == seconds ? $0.text : nil }) { return text }
        let text = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
                locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
        cache.withLock { $0 = (seconds, text) }
        return text
    }
}
