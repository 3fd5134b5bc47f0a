import BrokleCore
import Foundation

/// `trace query --follow`: polls the store for traces finishing from now on and hands each to the
/// caller once, until the task is cancelled.
package struct TraceFollower: Sendable {
    package let store: TraceQueryStore
    package let filter: TraceFilter
    /// Traces are written shortly after they finish; each poll looks back this far so none slips by.
    package var lookBack: TimeInterval = 10
    package var pollInterval: Duration = .milliseconds(500)

    package init(_ store: TraceQueryStore, filter: TraceFilter) {
        self.store = store
        self.filter = filter
    }

    /// Calls `onTrace` for every trace that lands after the call starts, oldest first within each
    /// poll; `onReady` once what had already landed has been read (from then on, a new trace is
    /// handed over).
    package func run(
        onReady: () -> Void = {}, onTrace: (TraceQueryStore.StoredTrace) throws(BrokleError) -> Void
    ) async throws(BrokleError) {
        var watermark = Date()
        var seen: [String: Date] = [:]
        // What had already landed when following began is not new.
        for trace in try await store.finished(after: watermark.addingTimeInterval(-lookBack), filter, limit: 10_000) {
            seen[trace.record.id] = trace.record.finishedAt
        }
        onReady()
        while !Task.isCancelled {
            for trace in try await store.finished(after: watermark.addingTimeInterval(-lookBack), filter, limit: 1_000)
            where seen[trace.record.id] == nil {
                seen[trace.record.id] = trace.record.finishedAt
                try onTrace(trace)
                watermark = max(watermark, trace.record.finishedAt)
            }
            seen = seen.filter { $0.value > watermark.addingTimeInterval(-2 * lookBack) }
            do { try await Task.sleep(for: pollInterval) } catch { return }
        }
    }
}
