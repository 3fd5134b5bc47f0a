/// Lets an occurrence through at most once per `interval`: a condition that may repeat (a flapping
/// database, a failing disk, a pool to renew) is logged or acted on once, not per event.
package struct Throttle: Sendable {
    let interval: Duration
    private var last: ContinuousClock.Instant?

    package init(every interval: Duration) {
        self.interval = interval
    }

    /// True, and remembered as the latest, when `interval` has passed since the last one let through.
    package mutating func allow(at now: ContinuousClock.Instant = .now) -> Bool {
        if let last, now - last < interval { return false }
        last = now
        return true
    }
}
