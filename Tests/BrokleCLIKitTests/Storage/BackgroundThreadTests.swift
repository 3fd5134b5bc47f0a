#if os(Linux)
    import Foundation
    import Glibc
    import Testing

    @testable import BrokleCLIKit

    /// The trace writer's thread runs behind the event loops, and only that thread does.
    @Suite struct BackgroundThreadTests {
        @Test func onlyTheCallingThreadIsLowered() async throws {
            let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            let lowered = await withCheckedContinuation { continuation in
                Thread {
                    BackgroundThread.lowerPriority()
                    continuation.resume(returning: getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
                }.start()
            }
            #expect(lowered == max(before, BackgroundThread.niceness))
            #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before, "the rest of the process keeps its priority")
        }
    }
#endif
