/// The mock's tool call, whole and streamed, laid out as OpenAI's chat completions send one.
extension MockResponses {
    static func chatToolCall(id: String, created: Int, model: String, call: MockToolCall, usage: Usage) -> String {
        let toolCall =
            #"{"id":\#(string(call.id)),"type":"function","function":{"name":\#(string(call.name)),"arguments":\#(string(call.arguments))}}"#
        return
            #"{"id":\#(string(id)),"object":"chat.completion","created":\#(created),"model":\#(string(model)),"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[\#(toolCall)],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":\#(usage.json),"system_fingerprint":null}"#
    }

    /// The data of each SSE event: the call's id and name with empty arguments, one chunk per piece of
    /// the arguments, `finish_reason: "tool_calls"`, the usage chunk when `usage` is given, `[DONE]`.
    static func toolCallStreamEvents(id: String, created: Int, model: String, call: MockToolCall, pieces: [String], usage: Usage?)
        -> [String]
    {
        let usageField = usage == nil ? "" : #","usage":null"#
        let head = chatChunkHead(id: id, created: created, model: model)
        let opening =
            #"{"index":0,"id":\#(string(call.id)),"type":"function","function":{"name":\#(string(call.name)),"arguments":""}}"#
        var events = [
            head
                + #"[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[\#(opening)],"refusal":null},"logprobs":null,"finish_reason":null}]"#
                + usageField + "}"
        ]
        for piece in pieces {
            events.append(
                head
                    + #"[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":\#(string(piece))}}]},"logprobs":null,"finish_reason":null}]"#
                    + usageField + "}")
        }
        events.append(head + #"[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]"# + usageField + "}")
        if let usage { events.append(head + #"[],"usage":\#(usage.json)}"#) }
        events.append("[DONE]")
        return events
    }
}
