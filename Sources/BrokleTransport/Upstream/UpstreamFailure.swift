import BrokleCore
import NIOCore

/// Maps transport errors to the gateway's answers: a timeout is 504, an answer larger than the
/// adapter collects is 502 `upstream_bad_response` (the provider did answer, with something
/// unusable), anything else 502 `upstream_unreachable`.
enum UpstreamFailure {
    static func classify(_ error: any Error, provider: String) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? GatewayError { return error }
        if error is NIOTooManyBytesError {
            // (Its `maxBytes` is what was left to collect, not the limit.)
            return GatewayError.upstreamBadResponse(
                "The provider '\(provider)' answered with a body larger than the gateway's limit of \(UpstreamCall.maxResponseBytes) bytes."
            )
        }
        return GatewayError.upstreamUnreachable(provider)
    }
}
