#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Background work that must not delay requests: the trace writer's batches give way to any
/// thread waiting for their core (``yield()``) every so often. A batch of a few milliseconds of
/// CPU otherwise keeps an event loop that woke on its core waiting for as long, even with another
/// core idle (perf sched; the slowest percent of requests at one connection took 2–3 ms against
/// 0.2 ms). Lowering the thread's priority instead (nice 10) helped as much, but at saturation
/// the writer then fell behind the requests (31,000 traces queued after 10 s of `wrk -c64`).
enum BackgroundThread {
    /// Lets any other thread that is ready to run on this core go first.
    static func yield() {
        sched_yield()
    }
}
