import BrokleCore
import BrokleProviders
import Foundation
import Hummingbird
import NIOCore

/// OpenAI's Responses API (`POST /v1/responses`). Each request is served by its own
/// ``ResponsesExchange``, made in ``begin(_:key:)``: `previous_response_id` is resolved there into
/// the whole conversation (from this gateway's stored responses, in the key's environment), so any
/// route can serve it — one that speaks the Responses API gets the client's body with the history
/// in `input`, any other a chat completion translated from it.
struct ResponsesDialect: ClientDialect {
    let state: ResponseState
    /// Whether every target of a model's route speaks the Responses API: its requests then need no
    /// chat translation at all.
    let servedNatively: @Sendable (String) -> Bool

    /// ``servedNatively`` for `catalog`'s routes over `providers`.
    static func servedNatively(_ catalog: ProviderCatalog, _ providers: ProviderRegistry) -> @Sendable (String) -> Bool {
        { model in
            // Configured names and `provider/model` addressing alike.
            guard let route = catalog.route(model) else { return false }
            return route.targets.allSatisfy { providers[$0.provider]?.speaks(.openAIResponses) == true }
        }
    }

    var name: String { "responses" }
    var wireFormat: WireFormat { .openAIResponses }

    func begin(_ body: ByteBuffer, key: KeyContext) async throws(GatewayError) -> (dialect: any ClientDialect, body: ByteBuffer) {
        let received = Array(buffer: body)
        var request: [String: JSONValue]
        do {
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, fromUntrusted: received) else {
                throw GatewayError.invalidRequest("The request body must be a JSON object.")
            }
            request = object
        } catch let error as GatewayError {
            throw error
        } catch is JSONNesting.TooDeep {
            throw .nestedTooDeep
        } catch {
            throw .invalidRequest("The request body is not valid JSON.")
        }
        guard let input = request["input"], input != .null else { throw .missingParameter("input") }
        // The response echoes the client's body as it came, before the history goes into it.
        let context = ResponsesContext(id: ResponsesDialect.newID(), createdAt: Int(Date().timeIntervalSince1970), request: request)
        let own = ResponsesConversation.items(input)
        // The body a provider that speaks the Responses API gets, and the one translated for any other.
        var served = received
        var translated = request
        let previous = request["previous_response_id"]?.stringValue
        if let previous {
            let history = try await ResponsesConversation.history(before: previous, environmentID: key.environmentID, state: state)
            request["previous_response_id"] = nil
            translated = request
            translated["input"] = .array(history + own)
            request["input"] = .array(ResponsesInbound.nativeInput(history) + own)
            served = Array((try? JSONEncoder().encode(JSONValue.object(request))) ?? Data())
        }
        let keeper =
            request["store"]?.boolValue == false
            ? nil
            : ResponseKeeper(
                state: state, key: key, previousResponseID: previous, model: request["model"]?.stringValue ?? "",
                input: Array((try? JSONEncoder().encode(JSONValue.array(own))) ?? Data("[]".utf8)))
        var exchange = ResponsesExchange(context: context, keeper: keeper, body: served, chatBody: [])
        if let model = request["model"]?.stringValue, servedNatively(model) {
            // Every target takes the body as it is: the stand-in serves routing and limits.
            exchange.chatBody = ResponsesExchange.standIn(for: request, bytes: served.count)
            return (exchange, ByteBuffer(bytes: served))
        }
        do {
            exchange.chatBody = try ResponsesInbound.chatRequest(fromResponses: translated)
        } catch {
            // A request chat completions cannot carry (a hosted tool, a file by id): only a provider
            // that speaks the Responses API may serve it. The stand-in body below gives routing,
            // limits and cost estimates the model and about the same size.
            exchange.nativeOnly = error
            exchange.chatBody = ResponsesExchange.standIn(for: request, bytes: served.count)
        }
        return (exchange, ByteBuffer(bytes: served))
    }

    func openAIBody(_ body: ByteBuffer) throws(GatewayError) -> [UInt8] {
        try ResponsesInbound.chatRequest(fromResponses: Array(buffer: body))
    }

    func nativeBody(_ body: ByteBuffer) throws(GatewayError) -> RequestInspector? { try RequestInspector(Array(buffer: body)) }

    func answer(_ body: ByteBuffer, format: WireFormat, requestedModel: String) -> ByteBuffer { body }

    func errorResponse(_ error: GatewayError, requestID: String?) -> Response { GatewayResponses.error(error, requestID: requestID) }

    func streamEncoder(requestedModel: String, clientWantsUsage: Bool, format: WireFormat) -> any ClientStreamEncoder {
        ResponsesPassThroughEncoder(keeper: nil)
    }

    var transportFields: [String] { ResponsesExchange.transport }

    /// A new response id, `resp_` and 48 hex digits as OpenAI's.
    static func newID() -> String {
        var random = SystemRandomNumberGenerator()
        var digits: [UInt8] = []
        digits.reserveCapacity(48)
        for _ in 0..<3 { Hex.append(random.next(), to: &digits) }
        return "resp_" + String(decoding: digits, as: UTF8.self)
    }
}
