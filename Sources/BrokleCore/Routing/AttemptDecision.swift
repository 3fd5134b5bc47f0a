import Foundation

/// What follows a failed attempt, decided from the route's ``Resilience`` alone: retry the same
/// target after a wait, move on to the route's next target, or give the failure to the client.
/// Pure, so every branch is tested without a clock or a network; the route stage acts on it.
package enum AttemptDecision: Sendable, Equatable {
    case retry(after: TimeInterval)
    case nextTarget
    case fail

    /// - Parameters:
    ///   - retriesDone: retries of this target already made.
    ///   - retryAfter: the provider's `Retry-After`, in seconds.
    ///   - unit: a uniform random value in 0..<1 for the backoff's jitter.
    ///   - timeLeft: seconds until the request's deadline; nil when it has none. A retry whose wait
    ///     would reach the deadline is not made.
    package static func after(
        _ kind: FailureKind, retriesDone: Int, resilience: Resilience, retryAfter: TimeInterval?, unit: Double,
        timeLeft: TimeInterval?
    ) -> AttemptDecision {
        if resilience.retryOn.contains(kind), retriesDone < resilience.retries,
            let wait = resilience.delay(beforeRetry: retriesDone + 1, retryAfter: retryAfter, unit: unit),
            timeLeft.map({ wait < $0 }) ?? true
        {
            return .retry(after: wait)
        }
        return resilience.fallbackOn.contains(kind) ? .nextTarget : .fail
    }
}
