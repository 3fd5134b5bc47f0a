import BrokleCore

/// What a response object echoes from its request, and its identity. A Responses answer repeats
/// the request's settings (model, instructions, tools, sampling, ...); they are read once from the
/// client's original body, tolerantly: a missing or odd field echoes the API's default instead of
/// failing an answer that is already paid for.
package struct ResponsesContext: Sendable {
    /// `resp_...`, made by the caller (it is also the key a stored response is found by).
    package let id: String
    /// Unix seconds.
    package let createdAt: Int
    /// The model the client asked for, which the response names whatever served it.
    package let model: String
    /// The echoed request fields, in their response shape, defaults filled in.
    let echoed: [String: JSONValue]

    package init(id: String, createdAt: Int, request bytes: [UInt8]) {
        self.init(id: id, createdAt: createdAt, request: ResponsesJSON.object(ResponsesJSON.json(bytes)) ?? [:])
    }

    /// The same, from the request's fields already decoded (the client's body as it came).
    package init(id: String, createdAt: Int, request: [String: JSONValue]) {
        self.id = id
        self.createdAt = createdAt
        model = request["model"]?.stringValue ?? ""
        func string(_ key: String) -> JSONValue { request[key]?.stringValue.map(JSONValue.string) ?? .null }
        func number(_ key: String, default value: Double) -> JSONValue { request[key]?.doubleValue.map(JSONValue.double) ?? .double(value) }
        let reasoning = ResponsesJSON.object(request["reasoning"]) ?? [:]
        var format: JSONValue = .object(["type": .string("text")])
        if let given = ResponsesJSON.object(ResponsesJSON.object(request["text"])?["format"]), given["type"]?.stringValue != nil {
            format = .object(given)
        }
        let instructions: JSONValue =
            switch request["instructions"] {
            case .string(let text)?: .string(text)
            case .array(let items)?: .array(items)
            default: .null
            }
        let toolChoice: JSONValue =
            switch request["tool_choice"] {
            case .string(let mode)?: .string(mode)
            case .object(let choice)?: .object(choice)
            default: .string("auto")
            }
        echoed = [
            "instructions": instructions,
            "max_output_tokens": request["max_output_tokens"]?.intValue.map(JSONValue.int) ?? .null,
            "metadata": .object(ResponsesJSON.object(request["metadata"]) ?? [:]),
            "parallel_tool_calls": .bool(request["parallel_tool_calls"]?.boolValue ?? true),
            "previous_response_id": string("previous_response_id"),
            "reasoning": .object(["effort": reasoning["effort"]?.stringValue.map(JSONValue.string) ?? .null, "summary": .null]),
            "store": .bool(request["store"]?.boolValue ?? true),
            "temperature": number("temperature", default: 1),
            "text": .object(["format": format]),
            "tool_choice": toolChoice,
            "tools": .array(ResponsesJSON.array(request["tools"]) ?? []),
            "top_p": number("top_p", default: 1),
            "truncation": .string(request["truncation"]?.stringValue ?? "disabled"),
            "user": string("user"),
        ]
    }

    /// The `response` object: the echoed fields, this answer's status, output and usage.
    /// `incompleteReason` is set for `incomplete` answers (`max_output_tokens`, `content_filter`),
    /// `error` for failed ones (`{"code","message"}`).
    func responseObject(
        status: String, incompleteReason: String? = nil, output: [JSONValue], usage: JSONValue, error: JSONValue = .null
    ) -> JSONValue {
        var object = echoed
        object["id"] = .string(id)
        object["object"] = .string("response")
        object["created_at"] = .int(createdAt)
        object["model"] = .string(model)
        object["status"] = .string(status)
        object["error"] = error
        object["incomplete_details"] = incompleteReason.map { .object(["reason": .string($0)]) } ?? .null
        object["output"] = .array(output)
        object["usage"] = usage
        return .object(object)
    }
}
