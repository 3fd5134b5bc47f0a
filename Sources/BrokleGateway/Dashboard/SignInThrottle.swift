import Foundation
import Synchronization

/// Failed sign-ins per client address and per account in a sliding window (this instance's own
/// count): past either limit a sign-in is refused, with how long to wait, before any password is
/// checked. Only failures count, so nobody locks an account out by signing in to it. An IPv6
/// client counts by its /64 (one host holds a whole /64). Bounded: past ``maximumKeys`` the keys
/// whose failures are oldest go — never all at once, so a flood of new addresses cannot wipe the
/// counts of the ones being limited.
package final class SignInThrottle: Sendable {
    private let state = Mutex<[String: [Double]]>([:])
    private let perAddress: Int
    private let perAccount: Int
    private let window: Double
    private let clock: @Sendable () -> Double
    static let maximumKeys = 20_000

    package init(
        perAddress: Int, perAccount: Int, window: TimeInterval, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.perAddress = perAddress
        self.perAccount = perAccount
        self.window = window
        self.clock = clock
    }

    /// Nil when a sign-in from `address` on `account` (nil: a link, limited per address only) may be
    /// tried now, else the seconds until it may.
    package func wait(address: String?, account: String?) -> Int? {
        let now = clock()
        return state.withLock { failures -> Int? in
            var wait: Double?
            for (key, limit) in keys(address: address, account: account) {
                let recent = failures[key]?.filter { now - $0 < window } ?? []
                if recent.count >= limit, let oldest = recent.first { wait = max(wait ?? 0, oldest + window - now) }
            }
            return wait.map { max(1, Int($0.rounded(.up))) }
        }
    }

    /// Counts a failed sign-in.
    package func failed(address: String?, account: String?) {
        let now = clock()
        state.withLock { failures in
            for (key, limit) in keys(address: address, account: account) {
                var recent = failures[key]?.filter { now - $0 < window } ?? []
                recent.append(now)
                failures[key] = Array(recent.suffix(limit))
            }
            guard failures.count > Self.maximumKeys else { return }
            failures = failures.filter { now - ($0.value.last ?? 0) < window }
            if failures.count > Self.maximumKeys {
                // Still too many live keys: the least recently failing half goes.
                let keep = failures.sorted { ($0.value.last ?? 0) > ($1.value.last ?? 0) }.prefix(Self.maximumKeys / 2)
                failures = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            }
        }
    }

    private func keys(address: String?, account: String?) -> [(String, Int)] {
        var keys: [(String, Int)] = []
        if let account { keys.append(("account:" + account, perAccount)) }
        if let address { keys.append(("address:" + Self.network(of: address), perAddress)) }
        return keys
    }

    /// The address itself for IPv4, its /64 for IPv6 (the first four groups, written out).
    static func network(of address: String) -> String {
        guard address.contains(":") else { return address }
        var groups: [Substring] = []
        let halves = address.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        let head = halves[0].split(separator: ":")
        let tail = halves.count > 1 ? halves[1].split(separator: ":") : []
        groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
        return groups.prefix(4).joined(separator: ":") + "::/64"
    }
}
