import Synchronization

/// Runs work with a hard time limit: the caller gets an answer by the deadline whatever the work
/// does. Past the limit the work is cancelled and left to finish on its own; the caller is not kept
/// waiting for it, unlike a task-group race, which waits for a child that ignores cancellation (a
/// database driver blocked on a half-open socket, a pool waiting for a server that is gone).
package enum TimeLimit {
    /// Thrown when `limit` passed first.
    package struct Exceeded: Error, Sendable, Equatable, CustomStringConvertible {
        package let limit: Duration
        package var description: String { "timed out after \(TimeLimit.text(limit))" }
    }

    package static func run<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                race.start(continuation)
                let worker = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await work()) } catch { result = .failure(error) }
                    race.finish(result)
                }
                let timer = Task {
                    try? await Task.sleep(for: limit)
                    if !Task.isCancelled, race.finish(.failure(Exceeded(limit: limit))) { worker.cancel() }
                }
                race.onFinish {
                    worker.cancel(); timer.cancel()
                }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// `2 s`, `250 ms`.
    static func text(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }

    /// Resumes the continuation exactly once, with whichever result comes first.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var early: Result<T, any Error>?
            var done = false
            var cleanup: (@Sendable () -> Void)?
        }
        private let state = Mutex(State())

        func start(_ continuation: CheckedContinuation<T, any Error>) {
            let early = state.withLock { state -> Result<T, any Error>? in
                if let early = state.early { return early }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }

        /// Hands `cleanup` the job of stopping the losers; runs it at once if the race is already over.
        func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
            let over = state.withLock { state -> Bool in
                if state.done { return true }
                state.cleanup = cleanup
                return false
            }
            if over { cleanup() }
        }

        /// True when `result` won.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let (won, continuation, cleanup) = state.withLock {
                state -> (Bool, CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
                guard !state.done else { return (false, nil, nil) }
                state.done = true
                if state.continuation == nil { state.early = result }
                defer { state.continuation = nil; state.cleanup = nil }
                return (true, state.continuation, state.cleanup)
            }
            continuation?.resume(with: result)
            cleanup?()
            return won
        }
    }
}
