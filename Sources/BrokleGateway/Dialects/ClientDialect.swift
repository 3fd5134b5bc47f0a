import BrokleCore
import BrokleProviders
import Hummingbird
import NIOCore

/// The API shape a client speaks — OpenAI's chat and completions, Anthropic's messages, OpenAI's
/// Responses API — one implementation each. Inside, every request is an OpenAI chat request and every translated answer
/// is in the OpenAI shape; the dialect translates at the edges: the request body on the way in, the
/// answer, the stream events and the errors on the way out. A provider that speaks the client's
/// own wire format (``ProviderAdapter/speaks(_:)``) gets the client's own body (``nativeBody(_:)``),
/// and its answer, in that same format, goes back as it came: byte for byte, or event by event.
protocol ClientDialect: Sendable {
    /// Its name in cache keys (`openai`, `anthropic`): a stored answer is found only by the dialect
    /// that stored it.
    var name: String { get }
    /// The wire format an answer needs no translation from.
    var wireFormat: WireFormat { get }

    /// The request body as an OpenAI request.
    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8]

    /// The client's own body, for a provider that speaks the client's format and so needs no
    /// translation; nil when the OpenAI body is the client's own.
    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector?

    /// A whole 2xx answer in `format`, for the client.
    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer

    /// An error answer in the client's shape, with the error's status.
    func errorResponse(_ error: GatewayError, requestID: String?) -> Response

    /// What the stream relay writes for the client, from events in `format`.
    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> any ClientStreamEncoder

    /// Body fields that say how to deliver an answer, not what to answer: left out of the cache key.
    var transportFields: [String] { get }

    /// The dialect that serves one request, and the body it serves, once the key is known: state
    /// the body refers to is resolved here (the Responses API's `previous_response_id` becomes the
    /// whole conversation). Most dialects have none: themselves and the body as it came.
    func begin(_ body: ByteBuffer, key: KeyContext) async throws(GatewayError) -> (dialect: any ClientDialect, body: ByteBuffer)

    /// Why the OpenAI body cannot stand for this request (a hosted tool chat completions have no
    /// word for): only a provider that speaks ``wireFormat`` may serve it, and with none on the
    /// route, this is the client's error. Nil when the translation is whole.
    var nativeOnly: GatewayError? { get }
}

extension ClientDialect {
    func begin(_ body: ByteBuffer, key: KeyContext) async throws(GatewayError) -> (dialect: any ClientDialect, body: ByteBuffer) {
        (self, body)
    }

    var nativeOnly: GatewayError? { nil }
}

/// Turns the stream events the gateway relays into the bytes the client's dialect expects.
protocol ClientStreamEncoder: Sendable {
    /// Whether the usage-only chunk goes to the client.
    var forwardsUsageChunk: Bool { get }
    /// The bytes for one event's data (`[DONE]` included) and its name, if it has one; empty when
    /// nothing is due yet.
    mutating func encode(_ event: String, name: String?) -> ByteBuffer
    /// What closes a stream whose upstream ended without its last event.
    mutating func finish() -> ByteBuffer
    /// An in-band error event.
    mutating func error(_ error: GatewayError) -> ByteBuffer
}

extension ClientStreamEncoder {
    mutating func finish() -> ByteBuffer { ByteBuffer() }
}
