import Foundation

/// How long a provider asked the client to wait, from its response headers: `retry-after-ms`
/// (OpenAI, Azure) or `retry-after` in seconds. The HTTP-date form is rare from LLM APIs and is
/// read as well; anything unreadable means "not said".
package enum RetryAfter {
    package static func seconds(retryAfter: String?, retryAfterMs: String?, now: Date = Date()) -> Double? {
        if let text = retryAfterMs?.trimmingCharacters(in: .whitespaces), let ms = Double(text), ms >= 0, ms.isFinite {
            return ms / 1000
        }
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds >= 0, seconds.isFinite { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
