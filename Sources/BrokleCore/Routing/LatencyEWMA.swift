/// An exponentially weighted moving average of one deployment's latency (milliseconds): each new
/// sample moves the average `alpha` of the way towards it, so a change shows within a few requests.
package struct LatencyEWMA: Sendable, Equatable {
    package var alpha: Double
    package private(set) var value: Double?
    /// When the last sample came (seconds on the caller's monotonic scale).
    package private(set) var updatedAt: Double?

    package init(alpha: Double = 0.3) {
        self.alpha = alpha
    }

    package mutating func add(_ milliseconds: Double, at now: Double) {
        value = value.map { $0 + alpha * (milliseconds - $0) } ?? milliseconds
        updatedAt = now
    }
}
