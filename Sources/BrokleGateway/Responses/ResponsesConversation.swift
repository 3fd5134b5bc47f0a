import BrokleCore
import BrokleStorage
import Foundation

/// A conversation as the Responses API continues it: `previous_response_id` stands for every turn
/// before — each stored response's input items, then its output — which this gateway resolves
/// itself, so a stateless upstream (or another provider after a fallback) gets the whole of it.
enum ResponsesConversation {
    /// Longest chain followed; a longer one is refused rather than read without end.
    static let maxTurns = 1_000

    /// `input` as a list of items: a string is one user message.
    static func items(_ input: JSONValue) -> [JSONValue] {
        switch input {
        case .array(let items): items
        case .string(let text):
            [
                .object([
                    "type": .string("message"), "role": .string("user"),
                    "content": .array([.object(["type": .string("input_text"), "text": .string(text)])]),
                ])
            ]
        default: [input]
        }
    }

    /// The items before a request that continues `previousID`, oldest first: a 404 when it is not
    /// a stored response of `environmentID` (or has expired).
    static func history(before previousID: String, environmentID: String, state: ResponseState) async throws(GatewayError)
        -> [JSONValue]
    {
        var turns: [[JSONValue]] = []
        var next: String? = previousID
        while let id = next {
            guard turns.count < maxTurns else {
                throw .invalidRequest(
                    "The conversation before '\(previousID)' is longer than \(maxTurns) responses.", param: "previous_response_id")
            }
            guard let stored = try await state.response(id, environmentID: environmentID) else {
                throw id == previousID
                    ? notFound(previousID, param: "previous_response_id")
                    : .invalidRequest(
                        "The conversation before '\(previousID)' refers to response '\(id)', which is no longer stored.",
                        param: "previous_response_id")
            }
            turns.append(input(of: stored) + output(of: stored))
            next = stored.previousResponseID
        }
        return turns.reversed().flatMap { $0 }
    }

    /// A stored response's own input items.
    static func input(of stored: StoredResponse) -> [JSONValue] {
        guard case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(stored.input)) else { return [] }
        return items
    }

    /// A stored response's output items as the next turn's input: reasoning goes only where it
    /// carries its encrypted content (the one form a provider takes back without its own store).
    static func output(of stored: StoredResponse) -> [JSONValue] {
        guard case .object(let response)? = try? JSONDecoder().decode(JSONValue.self, from: Data(stored.response)),
            case .array(let items)? = response["output"]
        else { return [] }
        return items.filter { item in
            item["type"]?.stringValue != "reasoning" || item["encrypted_content"]?.stringValue != nil
        }
    }

    /// OpenAI's answer for a response id it does not know.
    static func notFound(_ id: String, param: String? = nil) -> GatewayError {
        GatewayError(status: 404, type: "invalid_request_error", code: nil, message: "Response with id '\(id)' not found.", param: param)
    }
}
