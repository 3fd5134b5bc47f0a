import NIOCore

/// The one way every adapter calls its upstream: the time limit (a whole answer must arrive within
/// it; a stream must start within it and may then run as long as the upstream keeps sending), the
/// size limit on whole answers, and transport errors mapped to the gateway's answers. The call runs
/// on the caller's event loop (see ``UpstreamClient``).
package enum UpstreamCall {
    /// Largest non-streaming response accepted from any upstream (64 MiB), for every adapter:
    /// a larger one is answered as `upstream_bad_response`.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// Sends `call` with `body` and returns the response: a whole answer's body already read, a
    /// stream's body to be read by whoever relays it.
    package static func send(
        _ call: UpstreamHTTPRequest, body: ByteBuffer, stream: Bool, timeout seconds: Double, client: UpstreamClient, provider: String
    ) async throws -> UpstreamHTTPResponse {
        do {
            return try await client.send(call, body: body, stream: stream, timeout: seconds, provider: provider)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }

    /// The whole body of a response, up to ``maxResponseBytes``.
    package static func body(of response: UpstreamHTTPResponse, provider: String) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: maxResponseBytes)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }
}
