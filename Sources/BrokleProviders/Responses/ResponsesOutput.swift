import BrokleCore

/// The pieces of a response's `output`, shared by the whole-answer and the stream translations so
/// that a streamed response ends as the same object a whole one would be.
///
/// Item ids are derived from the response id and the item's place in `output`
/// (`msg_<resp id suffix>_0`, `fc_..._1`): the same answer always gets the same ids, and a stored
/// response can be found again by any of them.
struct ResponsesOutput {
    enum Kind: String {
        case reasoning = "rs"
        case message = "msg"
        case functionCall = "fc"
    }

    let responseID: String
    private(set) var items: [JSONValue] = []

    init(responseID: String) {
        self.responseID = responseID
    }

    /// The id of the item that would be appended next.
    func nextID(_ kind: Kind) -> String {
        Self.itemID(kind, responseID: responseID, index: items.count)
    }

    mutating func append(_ item: JSONValue) {
        items.append(item)
    }

    static func itemID(_ kind: Kind, responseID: String, index: Int) -> String {
        let suffix = responseID.hasPrefix("resp_") ? responseID.dropFirst(5) : responseID[...]
        return "\(kind.rawValue)_\(suffix)_\(index)"
    }

    /// A reasoning item; `signature` (chat's `reasoning_signature`) goes as its `encrypted_content`,
    /// which is how the item can be sent back in a later turn.
    static func reasoning(id: String, text: String?, signature: String? = nil) -> JSONValue {
        let content: [JSONValue] = text.map { [.object(["type": .string("reasoning_text"), "text": .string($0)])] } ?? []
        var item: [String: JSONValue] = [
            "type": .string("reasoning"), "id": .string(id), "summary": .array([]), "content": .array(content),
        ]
        if let signature { item["encrypted_content"] = .string(signature) }
        return .object(item)
    }

    static func message(id: String, content: [JSONValue], status: String) -> JSONValue {
        .object([
            "type": .string("message"), "id": .string(id), "status": .string(status), "role": .string("assistant"),
            "content": .array(content),
        ])
    }

    static func textPart(_ text: String) -> JSONValue {
        .object(["type": .string("output_text"), "text": .string(text), "annotations": .array([]), "logprobs": .array([])])
    }

    static func refusalPart(_ refusal: String) -> JSONValue {
        .object(["type": .string("refusal"), "refusal": .string(refusal)])
    }

    static func functionCall(id: String, callID: String, name: String, arguments: String, status: String) -> JSONValue {
        .object([
            "type": .string("function_call"), "id": .string(id), "call_id": .string(callID), "name": .string(name),
            "arguments": .string(arguments), "status": .string(status),
        ])
    }

    /// How the answer ended, from chat's `finish_reason`: cut by the token limit or the content
    /// filter is `incomplete` with that reason; anything else (stop, tool calls, none given) is
    /// `completed`.
    struct Outcome: Equatable {
        var status: String
        var incompleteReason: String?

        init(finishReason: String?) {
            switch finishReason {
            case "length": (status, incompleteReason) = ("incomplete", "max_output_tokens")
            case "content_filter": (status, incompleteReason) = ("incomplete", "content_filter")
            default: (status, incompleteReason) = ("completed", nil)
            }
        }
    }

    /// Chat usage as Responses usage; zeros where the upstream said nothing. Cache writes are
    /// `cache_creation_input_tokens`, which the Anthropic adapter adds to chat usage; the SDKs
    /// require the field, so it is always written.
    static func usage(_ usage: [String: JSONValue]) -> JSONValue {
        let input = usage["prompt_tokens"]?.intValue ?? 0
        let output = usage["completion_tokens"]?.intValue ?? 0
        let cached = ResponsesJSON.object(usage["prompt_tokens_details"])?["cached_tokens"]?.intValue ?? 0
        let written = usage["cache_creation_input_tokens"]?.intValue ?? 0
        let reasoning = ResponsesJSON.object(usage["completion_tokens_details"])?["reasoning_tokens"]?.intValue ?? 0
        return .object([
            "input_tokens": .int(input),
            "input_tokens_details": .object(["cached_tokens": .int(cached), "cache_write_tokens": .int(written)]),
            "output_tokens": .int(output), "output_tokens_details": .object(["reasoning_tokens": .int(reasoning)]),
            "total_tokens": .int(input + output),
        ])
    }
}
