import BrokleCore
import NIOCore

/// How the request path reads what an adapter returned, without naming the adapter's wire types.
extension ProviderAdapter {
    /// The reader for the answer to `request`: OpenAI's chat format unless the adapter says otherwise.
    package func reader(for request: UpstreamRequest) -> any ReplyReader { OpenAIReplyReader() }

    /// A non-2xx answer (its body in OpenAI's error shape, as every adapter returns it) as the
    /// gateway's error, keeping the status; the adapter's secrets are scrubbed from the message.
    package func failure(status: Int, body: ByteBuffer) -> GatewayError {
        OpenAIWire.error(status: status, body: body, provider: name, secrets: secrets)
    }
}
