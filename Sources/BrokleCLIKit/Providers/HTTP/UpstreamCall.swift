import AsyncHTTPClient
import NIOCore

/// The one way every adapter calls its upstream: the time limit (a whole answer must arrive within
/// it; a stream must start within it and may then run as long as the upstream keeps sending), the
/// size limit on whole answers, and transport errors mapped to the gateway's answers.
enum UpstreamCall {
    /// Largest non-streaming response accepted from any upstream (64 MiB), for every adapter:
    /// a larger one is answered as `upstream_bad_response`.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// Sends `call` and returns the response head (its body not yet read).
    static func send(_ call: HTTPClientRequest, stream: Bool, timeout seconds: Double, client: HTTPClient, provider: String) async throws
        -> HTTPClientResponse
    {
        do {
            guard stream else { return try await client.execute(call, timeout: .milliseconds(Int64(seconds * 1000))) }
            // Only the head is bound: the body of a stream is read later, by whoever relays it.
            return try await Deadline.run(seconds: seconds, provider: provider) { try await client.execute(call, deadline: .distantFuture) }
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }

    /// The whole body of a response, up to ``maxResponseBytes``.
    static func body(of response: HTTPClientResponse, provider: String) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: maxResponseBytes)
        } catch {
            throw UpstreamFailure.classify(error, provider: provider)
        }
    }
}
