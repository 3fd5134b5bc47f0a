import BrokleCore
import BrokleProviders
import Foundation
import Hummingbird
import NIOCore

/// One `/v1/responses` request as its dialect: the response's id and what it echoes
/// (``ResponsesContext``), the body it serves (history resolved), the chat completion it becomes
/// on a route that does not speak the Responses API, and what keeps the answer (nil for
/// `store: false`). Every answer — an upstream's, a cached one, a stream's last event — is kept
/// as the client got it.
struct ResponsesExchange: ClientDialect {
    static let transport = ["stream", "store", "metadata", "user", "previous_response_id"]

    let context: ResponsesContext
    let keeper: ResponseKeeper?
    let body: [UInt8]
    var chatBody: [UInt8]
    var nativeOnly: GatewayError?

    var name: String { "responses" }
    var wireFormat: WireFormat { .openAIResponses }

    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8] { chatBody }

    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector? { try RequestInspector(self.body) }

    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer {
        let response =
            format == .openAIResponses
            ? Array(buffer: body) : ResponsesInbound.response(fromChatCompletion: Array(buffer: body), context: context)
        keeper?.keep(response)
        return format == .openAIResponses ? body : ByteBuffer(bytes: response)
    }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response { GatewayResponses.error(error, requestID: requestID) }

    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> any ClientStreamEncoder {
        format == .openAIResponses
            ? ResponsesPassThroughEncoder(keeper: keeper) : ResponsesTranslatingEncoder(context: context, keeper: keeper)
    }

    var transportFields: [String] { Self.transport }

    /// What stands in for a request chat completions cannot carry: its model, and its input as one
    /// message of about its size (for limits and cost estimates; never sent).
    /// Written by hand: it stands in on every request to a route that speaks the Responses API.
    static func standIn(for request: [String: JSONValue], bytes: Int) -> [UInt8] {
        var chat: [UInt8] = []
        chat.reserveCapacity(bytes + 160)
        chat += #"{"model":"#.utf8
        chat += JSONScanner.encodeString(request["model"]?.stringValue ?? "")
        chat += #","messages":[{"role":"user","content":""#.utf8
        chat.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: bytes))
        chat += #""}]"#.utf8
        if request["stream"]?.boolValue == true { chat += #","stream":true"#.utf8 }
        if let limit = request["max_output_tokens"]?.intValue { chat += #","max_completion_tokens":\#(limit)"#.utf8 }
        chat.append(UInt8(ascii: "}"))
        return chat
    }
}

/// Responses events from a provider that speaks the Responses API, written as they came (named,
/// as OpenAI names them); the last one's response is kept.
struct ResponsesPassThroughEncoder: ClientStreamEncoder {
    let keeper: ResponseKeeper?

    var forwardsUsageChunk: Bool { true }

    func encode(_ event: String, name: String?) -> ByteBuffer {
        // The response inside the last event, as its bytes: nothing decoded or encoded again.
        if let keeper, let name, ResponsesPassThroughEncoder.terminal.contains(name),
            let inspector = try? RequestInspector(Array(event.utf8)), let range = inspector.fields["response"]
        {
            keeper.keep(Array(inspector.bytes[range]))
        }
        return SSEWriter.event(event, name: name)
    }

    func error(_ error: GatewayError) -> ByteBuffer {
        let event: JSONValue = .object([
            "type": .string("error"), "code": error.code.map(JSONValue.string) ?? .null, "message": .string(error.message),
            "param": error.param.map(JSONValue.string) ?? .null,
        ])
        return SSEWriter.event(String(decoding: (try? JSONEncoder().encode(event)) ?? Data(), as: UTF8.self), name: "error")
    }

    static let terminal: Set<String> = ["response.completed", "response.incomplete", "response.failed"]
}

/// OpenAI chat chunks translated into Responses events; the final response is kept.
struct ResponsesTranslatingEncoder: ClientStreamEncoder {
    private var encoder: ResponsesStreamEncoder
    let keeper: ResponseKeeper?
    private var kept = false

    init(context: ResponsesContext, keeper: ResponseKeeper?) {
        encoder = ResponsesStreamEncoder(context: context)
        self.keeper = keeper
    }

    var forwardsUsageChunk: Bool { true }

    mutating func encode(_ event: String, name: String?) -> ByteBuffer {
        let bytes = encoder.feed(event)
        keepFinal()
        return ByteBuffer(bytes: bytes)
    }

    mutating func finish() -> ByteBuffer {
        guard !encoder.isFinished else { return ByteBuffer() }
        let bytes = encoder.finish()
        keepFinal()
        return ByteBuffer(bytes: bytes)
    }

    mutating func error(_ error: GatewayError) -> ByteBuffer { ByteBuffer(bytes: encoder.error(error)) }

    private mutating func keepFinal() {
        guard !kept, let keeper, let final = encoder.finalResponse else { return }
        kept = true
        keeper.keep(final)
    }
}
