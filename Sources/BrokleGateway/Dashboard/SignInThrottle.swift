import Foundation
import Synchronization

/// Sign-in attempts per client address and per account in a sliding window (this instance's own
/// count): past either limit an attempt is refused with how long to wait, before any password is
/// checked. Bounded: the oldest entries go when it tracks too many.
package final class SignInThrottle: Sendable {
    private struct Entry {
        var attempts: [Double]
    }

    private let state = Mutex<[String: Entry]>([:])
    private let perAddress: Int
    private let perAccount: Int
    private let window: Double
    private let clock: @Sendable () -> Double
    static let maximumEntries = 50_000

    package init(
        perAddress: Int, perAccount: Int, window: TimeInterval, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.perAddress = perAddress
        self.perAccount = perAccount
        self.window = window
        self.clock = clock
    }

    /// Counts an attempt from `address` on `account`: nil when it may go ahead, else the seconds
    /// until it may.
    package func attempt(address: String?, account: String) -> Int? {
        let now = clock()
        let keys = [("account:" + account.lowercased(), perAccount)] + (address.map { [("address:" + $0, perAddress)] } ?? [])
        return state.withLock { entries -> Int? in
            if entries.count > Self.maximumEntries {
                entries = entries.filter { $0.value.attempts.last.map { now - $0 < window } ?? false }
            }
            if entries.count > Self.maximumEntries { entries.removeAll(keepingCapacity: true) }
            var wait: Double?
            for (key, limit) in keys {
                let recent = (entries[key]?.attempts ?? []).filter { now - $0 < window }
                entries[key] = Entry(attempts: recent)
                if recent.count >= limit, let oldest = recent.first { wait = max(wait ?? 0, oldest + window - now) }
            }
            if let wait { return max(1, Int(wait.rounded(.up))) }
            for (key, _) in keys { entries[key, default: Entry(attempts: [])].attempts.append(now) }
            return nil
        }
    }
}
