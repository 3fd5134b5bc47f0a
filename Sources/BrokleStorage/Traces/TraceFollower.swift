import BrokleCore
import Foundation

/// `trace query --follow`: polls the store for traces stored from now on and hands each to the
/// caller once, until the task is cancelled. It reads along the order traces were stored
/// (`trace_rows.seq`): each poll asks for the ones after the newest seen. SQLite numbers rows in
/// the order their transactions commit, so that is exact there; on PostgreSQL several writers'
/// transactions may commit out of order, so each poll also looks back over the numbers seen in the
/// last `lookBack` for rows that landed late.
package struct TraceFollower: Sendable {
    package let store: TraceQueryStore
    package let filter: TraceFilter
    /// How far back (in time) a poll looks again for rows committed out of order (PostgreSQL).
    package var lookBack: Duration = .seconds(10)
    package var pollInterval: Duration = .milliseconds(500)
    /// Most traces one poll reads; more wait for the next.
    static let pageSize = 1_000

    package init(_ store: TraceQueryStore, filter: TraceFilter) {
        self.store = store
        self.filter = filter
    }

    /// Calls `onTrace` for every trace that lands after the call starts, in the order they were
    /// stored; `onReady` once what had already landed has been passed over (from then on, a new
    /// trace is handed over).
    package func run(
        onReady: () -> Void = {}, onTrace: (TraceQueryStore.StoredTrace) throws(BrokleError) -> Void
    ) async throws(BrokleError) {
        // What had already landed when following began is not new.
        var newest = try await store.lastStored()
        let lookingBack = store.database.dialect == .postgres
        var floor = newest
        var marks: [(at: ContinuousClock.Instant, newest: Int64)] = []
        var seen: Set<Int64> = []
        onReady()
        while !Task.isCancelled {
            // Up to the last number given out: a filter matching nothing still moves on.
            let last = try await store.lastStored()
            let fresh = try await store.stored(after: newest, through: last, filter, limit: Self.pageSize)
            var late: [TraceQueryStore.StoredTrace] = []
            if lookingBack, floor < newest {
                late = try await store.stored(after: floor, through: newest, filter, limit: Self.pageSize)
            }
            for trace in (late + fresh).sorted(by: { $0.seq < $1.seq }) where trace.seq > floor && seen.insert(trace.seq).inserted {
                try onTrace(trace)
            }
            newest = fresh.count == Self.pageSize ? fresh.map(\.seq).max() ?? newest : max(newest, last)
            // The look-back window starts at the newest number seen `lookBack` ago.
            let now = ContinuousClock.now
            marks.append((now, newest))
            while let first = marks.first, now - first.at > lookBack {
                floor = max(floor, first.newest)
                marks.removeFirst()
            }
            // SQLite commits in number order: nothing lands below the newest seen.
            if !lookingBack { floor = newest }
            seen = seen.filter { $0 > floor }
            do { try await Task.sleep(for: pollInterval) } catch { return }
        }
    }
}
