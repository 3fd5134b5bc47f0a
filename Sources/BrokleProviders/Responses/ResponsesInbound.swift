import BrokleCore
import Foundation

/// The gateway's Responses endpoint (`POST /v1/responses`), as pure translations: a Responses
/// request becomes the OpenAI chat request the gateway routes, and the chat completion that answers
/// it becomes a Responses `response` object. Streams are translated by ``ResponsesStreamEncoder``.
///
/// No state: the caller resolves `previous_response_id` first, so `input` holds the whole
/// conversation; `store`, `metadata`, `include`, `truncation`, `prompt_cache_key`,
/// `safety_identifier` and `text.verbosity` are echoed in the answer (see ``ResponsesContext``)
/// but not forwarded. What chat cannot express is refused with a 400 that names it (hosted tools,
/// file ids, item references, background mode), never silently dropped: a client that asked for
/// web search must not get an answer made up without it.
package enum ResponsesInbound {
    /// A Responses request body as an OpenAI chat request body. A streaming request asks for the
    /// usage chunk, which the final `response.completed` needs.
    package static func chatRequest(fromResponses bytes: [UInt8]) throws(GatewayError) -> [UInt8] {
        try chatRequest(fromResponses: try requestObject(bytes))
    }

    /// The same, from a request already decoded (the gateway decodes it once).
    package static func chatRequest(fromResponses request: [String: JSONValue]) throws(GatewayError) -> [UInt8] {
        guard let model = request["model"]?.stringValue, !model.isEmpty else { throw .missingParameter("model") }
        guard let input = ResponsesJSON.present(request["input"]) else { throw .missingParameter("input") }
        if request["background"]?.boolValue == true {
            throw .invalidRequest("Background responses ('background': true) are not supported by this gateway.", param: "background")
        }
        for field in ["prompt", "conversation"] where ResponsesJSON.present(request[field]) != nil {
            throw .invalidRequest(
                "'\(field)' refers to state stored by OpenAI and cannot be served by this route: send the whole conversation in 'input'.",
                param: field)
        }

        var chat: [String: JSONValue] = ["model": .string(model)]
        var messages: [JSONValue] = []
        if let instructions = try instructionsText(request["instructions"]) {
            messages.append(.object(["role": .string("system"), "content": .string(instructions)]))
        }
        messages += try chatMessages(fromInput: input)
        chat["messages"] = .array(messages)

        let tools = try chatTools(request["tools"])
        if !tools.isEmpty {
            // Chat refuses tool_choice and parallel_tool_calls without tools; Responses does not.
            chat["tools"] = .array(tools)
            if let choice = try chatToolChoice(request["tool_choice"]) { chat["tool_choice"] = choice }
            if let parallel = request["parallel_tool_calls"]?.boolValue { chat["parallel_tool_calls"] = .bool(parallel) }
        }
        if let format = try responseFormat(request["text"]) { chat["response_format"] = format }
        if let limit = request["max_output_tokens"]?.intValue { chat["max_completion_tokens"] = .int(limit) }
        for key in ["temperature", "top_p"] {
            if let number = request[key], number.doubleValue != nil { chat[key] = number }
        }
        for key in ["user", "service_tier"] {
            if let text = request[key]?.stringValue { chat[key] = .string(text) }
        }
        if let effort = ResponsesJSON.object(request["reasoning"])?["effort"]?.stringValue {
            chat["reasoning_effort"] = .string(effort)
        }
        if request["stream"]?.boolValue == true {
            chat["stream"] = .bool(true)
            chat["stream_options"] = .object(["include_usage": .bool(true)])
        }
        return ResponsesJSON.encode(.object(chat))
    }

    /// A whole OpenAI chat completion (2xx body) as a Responses `response` object.
    package static func response(fromChatCompletion bytes: [UInt8], context: ResponsesContext) -> [UInt8] {
        ResponsesJSON.encode(response(fromChatCompletion: ResponsesJSON.object(ResponsesJSON.json(bytes)) ?? [:], context: context))
    }

    static func response(fromChatCompletion completion: [String: JSONValue], context: ResponsesContext) -> JSONValue {
        let choice = ResponsesJSON.object(ResponsesJSON.array(completion["choices"])?.first) ?? [:]
        let reply = ResponsesJSON.object(choice["message"]) ?? [:]
        let outcome = ResponsesOutput.Outcome(finishReason: choice["finish_reason"]?.stringValue)
        var output = ResponsesOutput(responseID: context.id)
        if let reasoning = reply["reasoning_content"]?.stringValue, !reasoning.isEmpty {
            output.append(
                ResponsesOutput.reasoning(
                    id: output.nextID(.reasoning), text: reasoning, signature: reply["reasoning_signature"]?.stringValue))
        }
        var parts: [JSONValue] = []
        if let text = reply["content"]?.stringValue, !text.isEmpty { parts.append(ResponsesOutput.textPart(text)) }
        if let refusal = reply["refusal"]?.stringValue, !refusal.isEmpty { parts.append(ResponsesOutput.refusalPart(refusal)) }
        if !parts.isEmpty {
            output.append(ResponsesOutput.message(id: output.nextID(.message), content: parts, status: outcome.status))
        }
        for call in ResponsesJSON.array(reply["tool_calls"]) ?? [] {
            let call = ResponsesJSON.object(call) ?? [:]
            let function = ResponsesJSON.object(call["function"]) ?? [:]
            output.append(
                ResponsesOutput.functionCall(
                    id: output.nextID(.functionCall), callID: call["id"]?.stringValue ?? "", name: function["name"]?.stringValue ?? "",
                    arguments: function["arguments"]?.stringValue ?? "", status: outcome.status))
        }
        return context.responseObject(
            status: outcome.status, incompleteReason: outcome.incompleteReason, output: output.items,
            usage: ResponsesOutput.usage(ResponsesJSON.object(completion["usage"]) ?? [:]))
    }

    /// The body as a JSON object, refused with a 400 when it is not one or nests too deep.
    static func requestObject(_ bytes: [UInt8]) throws(GatewayError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try ResponsesJSON.decoder.decode(JSONValue.self, fromUntrusted: bytes)
        } catch is JSONNesting.TooDeep {
            throw .nestedTooDeep
        } catch {
            throw .invalidRequest("The request body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw .invalidRequest("The request body must be a JSON object.") }
        return object
    }

    /// `instructions` as text: a string, or (as OpenAI echoes them) a list of input messages whose
    /// text is joined.
    static func instructionsText(_ value: JSONValue?) throws(GatewayError) -> String? {
        switch ResponsesJSON.present(value) {
        case nil: return nil
        case .string(let text): return text.isEmpty ? nil : text
        case .array(let items):
            var texts: [String] = []
            for item in items {
                guard let content = ResponsesJSON.object(item)?["content"], let text = try? plainText(content, at: "instructions") else {
                    throw .invalidRequest("'instructions' must be a string or a list of text messages.", param: "instructions")
                }
                texts.append(text)
            }
            return texts.joined(separator: "\n\n")
        default: throw .invalidRequest("'instructions' must be a string.", param: "instructions")
        }
    }
}
