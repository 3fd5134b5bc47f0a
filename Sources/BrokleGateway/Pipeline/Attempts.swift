import BrokleCore
import BrokleProviders
import Foundation

/// One upstream attempt as it goes into `trace_attempts`.
struct AttemptLog: Sendable {
    var target: RouteTarget
    var error: GatewayError
    var kind: FailureKind
    var latency: Duration
    var startedAt: Date
}

/// What the attempts ended with: the target that answered and its answer (a 2xx response, or a
/// stream whose first bytes have already arrived), after the failed attempts before it.
struct ServedAttempt: Sendable {
    var target: RouteTarget
    var reply: UpstreamReply
    var failures: [AttemptLog]
    var startedAt: Date
    var started: ContinuousClock.Instant
    /// Reads `reply` in the format the provider returned it in.
    var reader: any ReplyReader
}

/// Every attempt failed (or none was allowed): the error for the client, and the attempts made.
struct AttemptsFailed: Error {
    var error: GatewayError
    var failures: [AttemptLog]
}
