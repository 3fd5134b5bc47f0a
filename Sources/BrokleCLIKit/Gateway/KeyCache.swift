import Foundation
import Synchronization

/// Authentication results kept in memory so the hot path does not ask the database per request:
/// accepted keys for `ttl`, rejected ones for `negativeTTL`. Revoking a key therefore takes effect
/// within `ttl` on every gateway instance (the documented staleness). Bounded in size.
final class KeyCache: Sendable {
    struct Entry {
        var result: Result<KeyContext, KeyRejection>
        var expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let ttl: Duration
    let negativeTTL: Duration
    let capacity: Int

    init(ttl: TimeInterval, negativeTTL: TimeInterval, capacity: Int = 100_000) {
        self.ttl = .milliseconds(Int64(ttl * 1000))
        self.negativeTTL = .milliseconds(Int64(negativeTTL * 1000))
        self.capacity = capacity
    }

    func lookup(_ presented: String, now: ContinuousClock.Instant = .now) -> Result<KeyContext, KeyRejection>? {
        entries.withLock { entries in
            guard let entry = entries[presented] else { return nil }
            guard entry.expires > now else {
                entries[presented] = nil
                return nil
            }
            return entry.result
        }
    }

    func store(_ presented: String, _ result: Result<KeyContext, KeyRejection>, now: ContinuousClock.Instant = .now) {
        let lifetime: Duration
        switch result {
        case .success: lifetime = ttl
        case .failure: lifetime = negativeTTL
        }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[presented] = Entry(result: result, expires: now + lifetime)
        }
    }
}
