@testable import BrokleCore
@testable import BrokleProviders
import Foundation

/// Helpers for the Responses translation tests: requests in, answers and events out, as JSON.
enum ResponsesFixtures {
    static func text(_ name: String) throws -> String {
        try Repository.text("Tests/Fixtures/responses/\(name)")
    }

    /// The chat request a Responses body becomes, as JSON.
    static func chat(_ body: String) throws -> JSONValue {
        try AnthropicFixtures.json(try ResponsesInbound.chatRequest(fromResponses: Array(body.utf8)))
    }

    /// The error a Responses body is refused with; nil when it is accepted.
    static func rejection(_ body: String) -> GatewayError? {
        rejection(Array(body.utf8))
    }

    static func rejection(_ bytes: [UInt8]) -> GatewayError? {
        do throws(GatewayError) {
            _ = try ResponsesInbound.chatRequest(fromResponses: bytes)
            return nil
        } catch {
            return error
        }
    }

    static func context(_ request: String = #"{"model":"gpt-4.1","input":"Hi"}"#) -> ResponsesContext {
        ResponsesContext(id: "resp_67ccd2bed1ec8190", createdAt: 1_741_476_542, request: Array(request.utf8))
    }

    /// The response object a whole chat completion becomes, as JSON.
    static func response(_ completion: String, context: ResponsesContext = context()) throws -> JSONValue {
        try AnthropicFixtures.json(ResponsesInbound.response(fromChatCompletion: Array(completion.utf8), context: context))
    }

    /// Chat chunk payloads through a fresh encoder; the events it wrote and the encoder.
    static func stream(_ payloads: [String], context: ResponsesContext = context(), finish: Bool = false) throws -> (
        events: [(name: String, data: JSONValue)], encoder: ResponsesStreamEncoder
    ) {
        var encoder = ResponsesStreamEncoder(context: context)
        var bytes: [UInt8] = []
        for payload in payloads { bytes += encoder.feed(payload) }
        if finish { bytes += encoder.finish() }
        return (try AnthropicFixtures.namedEvents(String(decoding: bytes, as: UTF8.self)), encoder)
    }
}
