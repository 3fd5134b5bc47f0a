import BrokleCore
import Foundation
import Synchronization

/// Authentication results kept in memory so the hot path does not ask the database per request:
/// accepted keys are fresh for `ttl`, rejected ones for `negativeTTL`. Revoking a key therefore takes
/// effect within `ttl` on every gateway instance (the documented staleness).
///
/// An accepted key is also kept, stale, for `staleIfError` after the database last confirmed it:
/// while the database cannot be reached, the gateway serves such keys instead of refusing everyone.
/// Bounded in size.
final class KeyCache: Sendable {
    struct Entry {
        var result: Result<KeyContext, KeyRejection>
        var freshUntil: ContinuousClock.Instant
        var keptUntil: ContinuousClock.Instant
    }

    enum Lookup {
        /// Confirmed within the TTL: use it.
        case fresh(Result<KeyContext, KeyRejection>)
        /// An accepted key past its TTL, within the stale-if-error window: ask the database, and use
        /// this only if the database cannot answer.
        case stale(KeyContext)
        case miss
    }

    private let entries = Mutex<[String: Entry]>([:])
    let ttl: Duration
    let negativeTTL: Duration
    let staleIfError: Duration
    let capacity: Int

    init(ttl: TimeInterval, negativeTTL: TimeInterval, staleIfError: TimeInterval = 0, capacity: Int = 100_000) {
        self.ttl = .seconds(ttl)
        self.negativeTTL = .seconds(negativeTTL)
        self.staleIfError = .seconds(max(staleIfError, ttl))
        self.capacity = capacity
    }

    func lookup(_ presented: String, now: ContinuousClock.Instant = .now) -> Lookup {
        entries.withLock { entries in
            guard let entry = entries[presented] else { return .miss }
            if entry.freshUntil > now { return .fresh(entry.result) }
            if entry.keptUntil > now, case .success(let context) = entry.result { return .stale(context) }
            entries[presented] = nil
            return .miss
        }
    }

    func store(_ presented: String, _ result: Result<KeyContext, KeyRejection>, now: ContinuousClock.Instant = .now) {
        let entry: Entry
        switch result {
        case .success: entry = Entry(result: result, freshUntil: now + ttl, keptUntil: now + staleIfError)
        case .failure: entry = Entry(result: result, freshUntil: now + negativeTTL, keptUntil: now + negativeTTL)
        }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.keptUntil > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[presented] = entry
        }
    }
}
