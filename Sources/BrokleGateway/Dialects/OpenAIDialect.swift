import BrokleCore
import BrokleProviders
import Hummingbird
import NIOCore

/// OpenAI's chat completions, completions and embeddings: the gateway's own shape, so nothing is
/// translated on the way in, and an answer in another format is not expected (adapters translate
/// to OpenAI's).
struct OpenAIDialect: ClientDialect {
    var name: String { "openai" }
    var wireFormat: WireFormat { .openAIChat }

    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8] { Array(buffer: body) }

    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector? { nil }

    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer { body }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response {
        GatewayResponses.error(error, requestID: requestID)
    }

    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> any ClientStreamEncoder {
        OpenAIStreamEncoder(wantsUsage: clientWantsUsage)
    }

    var transportFields: [String] { ["stream", "stream_options", "user"] }
}

/// OpenAI events, written as they came; the usage-only chunk only when the client asked for it.
struct OpenAIStreamEncoder: ClientStreamEncoder {
    let wantsUsage: Bool

    var forwardsUsageChunk: Bool { wantsUsage }

    func encode(_ event: String, name: String?) -> ByteBuffer {
        event == "[DONE]" ? SSEWriter.done : SSEWriter.event(event)
    }

    func error(_ error: GatewayError) -> ByteBuffer {
        SSEWriter.event(String(decoding: GatewayResponses.errorBody(error), as: UTF8.self))
    }
}
