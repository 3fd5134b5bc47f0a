/// A circuit breaker for one deployment, as a pure state machine over a caller-supplied clock
/// (seconds on any monotonic scale), so it can be tested without waiting.
///
/// closed: requests flow; outcomes are counted in a sliding window of `window` seconds (ten
/// buckets, so memory stays constant at any request rate). When at least `minimumRequests`
/// outcomes are in the window and the failure share reaches `failureRatio`, it opens.
/// open: requests are refused until `cooldown` has passed; then it is half-open.
/// half-open: one probe request may go; its success closes the circuit, its failure opens it again.
/// A probe that never reports (its client went away) is replaced after another `cooldown`.
package struct CircuitBreaker: Sendable, Equatable {
    package struct Policy: Sendable, Equatable {
        package var failureRatio: Double = 0.5
        package var minimumRequests: Int = 5
        package var window: Double = 30
        package var cooldown: Double = 15

        package init() {}
    }

    package enum State: String, Sendable, Equatable, CaseIterable {
        case closed
        case open
        case halfOpen = "half-open"

        /// The value of the `brokle_circuit_state` gauge: 0 closed, 1 half-open, 2 open.
        package var gaugeValue: Int {
            switch self {
            case .closed: 0
            case .halfOpen: 1
            case .open: 2
            }
        }
    }

    private struct Bucket: Sendable, Equatable {
        var index: Int64 = -1
        var successes = 0
        var failures = 0
    }

    package let policy: Policy
    private var stored: State = .closed
    private var openedAt: Double = 0
    private var probeStartedAt: Double?
    private var buckets = [Bucket](repeating: Bucket(), count: 10)

    package init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// The state at `now` (an open circuit whose cooldown has passed reads as half-open).
    package func state(at now: Double) -> State {
        if stored == .open && now - openedAt >= policy.cooldown { return .halfOpen }
        return stored
    }

    /// Failures and total outcomes in the window ending at `now`.
    package func counts(at now: Double) -> (failures: Int, total: Int) {
        let current = bucketIndex(now)
        var failures = 0
        var total = 0
        for bucket in buckets where bucket.index > current - Int64(buckets.count) && bucket.index <= current {
            failures += bucket.failures
            total += bucket.successes + bucket.failures
        }
        return (failures, total)
    }

    /// Whether a request may go to this deployment now. In half-open this claims the single probe,
    /// so call it only when the request will really be sent.
    package mutating func acquire(at now: Double) -> Bool {
        switch state(at: now) {
        case .closed:
            return true
        case .open:
            return false
        case .halfOpen:
            stored = .halfOpen
            if let started = probeStartedAt, now - started < policy.cooldown { return false }
            probeStartedAt = now
            return true
        }
    }

    /// The outcome of a request that `acquire` let through.
    package mutating func record(success: Bool, at now: Double) {
        switch stored {
        case .open:
            // A late answer to a request sent before the circuit opened changes nothing.
            return
        case .halfOpen:
            probeStartedAt = nil
            if success { close() } else { open(at: now) }
        case .closed:
            let index = bucketIndex(now)
            let slot = Int(((index % Int64(buckets.count)) + Int64(buckets.count)) % Int64(buckets.count))
            if buckets[slot].index != index { buckets[slot] = Bucket(index: index) }
            if success { buckets[slot].successes += 1 } else { buckets[slot].failures += 1 }
            let (failures, total) = counts(at: now)
            if total >= policy.minimumRequests && Double(failures) >= policy.failureRatio * Double(total) {
                open(at: now)
            }
        }
    }

    private mutating func open(at now: Double) {
        stored = .open
        openedAt = now
        probeStartedAt = nil
        buckets = [Bucket](repeating: Bucket(), count: buckets.count)
    }

    private mutating func close() {
        stored = .closed
        buckets = [Bucket](repeating: Bucket(), count: buckets.count)
    }

    private func bucketIndex(_ now: Double) -> Int64 {
        Int64((now / (policy.window / Double(buckets.count))).rounded(.down))
    }
}
