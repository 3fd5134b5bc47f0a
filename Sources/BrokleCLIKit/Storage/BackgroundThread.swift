#if canImport(Glibc)
    import Glibc
#endif

/// Background work that must not delay requests: the trace writer's batches run on a thread the
/// kernel schedules behind the event loops. On a machine whose cores are all busy, a batch of a
/// few milliseconds of CPU otherwise takes a core from an event loop for as long, and the requests
/// on it wait (the slowest percent of requests at one connection took 2.7–3 ms, against 0.2 ms).
enum BackgroundThread {
    /// The niceness given to such threads: the event loops get ~10 times their share of a core.
    static let niceness: Int32 = 10

    /// Lowers the calling thread's scheduling priority to ``niceness`` unless it is lower already
    /// (Linux; elsewhere, nothing).
    static func lowerPriority() {
        #if os(Linux)
            // Linux keeps a nice value per thread: `who` 0 is the calling thread alone.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            if getpriority(which, 0) < niceness { _ = setpriority(which, 0, niceness) }
        #endif
    }

    /// Lets any other thread that is ready to run on this core go first.
    static func yield() {
        sched_yield()
    }
}
