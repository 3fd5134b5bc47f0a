import BrokleCore
import HTTPTypes
import NIOCore

/// How a request is answered, as the stage that answers it decides: an upstream's reply, a cache
/// hit, or a failure. ``ProxyHandler`` turns it into the response in one place, `finish`, which is
/// also the only caller of the recorder: every authenticated request is recorded there exactly
/// once, and the gateway's own headers (cost, overhead) are added there alike for all of them.
enum Answer: Sendable {
    /// A whole answer, already in the client's dialect. `overhead` is the gateway's own time.
    case whole(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields, overhead: Duration)
    /// A stream to relay; recorded when it has ended, after `ended` has adjusted the outcome (a
    /// replayed answer spent nothing upstream). `overhead` is the gateway's time before it began.
    case stream(StreamRelay, headers: HTTPFields, overhead: Duration, ended: (@Sendable (inout RequestOutcome) -> Void)? = nil)
    /// No answer: an error body in the client's dialect, with the error's status.
    case failure(GatewayError)
}
