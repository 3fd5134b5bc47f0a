import NIOCore

/// Runs a task's jobs on one event loop, so a request's stages, its upstream connection and its
/// client connection share a thread: resuming after an await is a job queued on the same loop, not
/// a wake-up of another thread.
///
/// A task started with this executor as its preference (`Task(executorPreference:)`) runs every
/// nonisolated async function it calls here; an actor it calls still runs on the actor's executor.
final class EventLoopExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// One executor per loop of `group`, looked up by the loop a channel lives on.
    struct PerLoop: Sendable {
        private let executors: [ObjectIdentifier: EventLoopExecutor]

        init(_ group: any EventLoopGroup) {
            var executors: [ObjectIdentifier: EventLoopExecutor] = [:]
            for loop in group.makeIterator() { executors[ObjectIdentifier(loop)] = EventLoopExecutor(loop) }
            self.executors = executors
        }

        /// The executor of `loop` (a new one for a loop outside the group).
        func executor(for loop: any EventLoop) -> EventLoopExecutor {
            executors[ObjectIdentifier(loop)] ?? EventLoopExecutor(loop)
        }
    }
}
