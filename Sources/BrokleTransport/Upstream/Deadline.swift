import BrokleCore
import NIOCore
import NIOPosix
import Synchronization

/// Runs an upstream call with a time limit: past it the call is cancelled (which cancels the HTTP
/// request) and the provider counts as timed out.
///
/// On an event loop (a request's task) the call runs in a task on the same loop and the limit is a
/// timer of that loop: no thread is woken for it. Elsewhere it is built on ``TimeLimit``, so the
/// caller gets its answer on time even while the cancelled call is still winding down.
package enum Deadline {
    package static func run<T: Sendable>(seconds: Double?, provider: String, _ operation: @escaping @Sendable () async throws -> T)
        async throws
        -> T
    {
        guard let seconds else { return try await operation() }
        guard seconds > 0 else { throw GatewayError.upstreamTimeout(provider) }
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else {
            do {
                return try await TimeLimit.run(.seconds(seconds), operation)
            } catch is TimeLimit.Exceeded {
                throw GatewayError.upstreamTimeout(provider)
            }
        }
        let worker = Task(executorPreference: EventLoopExecutor(loop)) { try await operation() }
        let expired = Mutex(false)
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
            expired.withLock { $0 = true }
            worker.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await worker.value
            } onCancel: {
                worker.cancel()
            }
        } catch  where expired.withLock({ $0 }) {
            throw GatewayError.upstreamTimeout(provider)
        }
    }
}
