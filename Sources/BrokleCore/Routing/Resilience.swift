import Foundation

/// How hard a route tries: retries on the same target with exponential backoff and jitter
/// (honouring `Retry-After`), a timeout per attempt, a deadline for the whole request, and which
/// failures move on to the next target.
package struct Resilience: Sendable, Equatable {
    /// Extra attempts on the same target after a retryable failure (0 = go straight to the next).
    package var retries: Int = 0
    /// Delay before the first retry; doubled for each one after, capped at `maxBackoff`.
    package var backoff: TimeInterval = 0.2
    package var maxBackoff: TimeInterval = 5
    /// Longest wait for one attempt's answer (a stream's first byte); nil = the provider's timeout.
    package var attemptTimeout: TimeInterval?
    /// Longest time for the whole request, every attempt and wait included; nil = no limit.
    package var deadline: TimeInterval?
    package var retryOn: Set<FailureKind> = FailureKind.transient
    package var fallbackOn: Set<FailureKind> = FailureKind.transient

    package init() {}

    /// The wait before retry number `retry` (1 for the first retry), or nil when this target should
    /// not be retried: `Retry-After` longer than `maxBackoff` means the provider wants a pause the
    /// request cannot afford, so it moves on. `unit` is a uniform random value in 0..<1: the wait is
    /// the exponential delay scaled into its upper half ("equal jitter"), so retries from many
    /// clients spread out but never collapse to zero.
    package func delay(beforeRetry retry: Int, retryAfter: TimeInterval?, unit: Double) -> TimeInterval? {
        if let retryAfter {
            return retryAfter <= maxBackoff ? max(0, retryAfter) : nil
        }
        let exponential = min(maxBackoff, backoff * pow(2, Double(max(0, retry - 1))))
        return exponential * (0.5 + 0.5 * min(max(unit, 0), 1))
    }
}
