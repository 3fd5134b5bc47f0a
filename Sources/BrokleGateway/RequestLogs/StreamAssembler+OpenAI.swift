/// OpenAI chat (and legacy completions) chunks assembled: per choice, the role, the text deltas,
/// the tool calls' names and argument deltas, and the finish reason; the usage chunk's usage.
/// Each chunk is read in place (``EventJSON``); text is appended to the one buffer it is kept in.
/// Choices are references, so a piece of text is appended where it is kept, never to a copy.
struct OpenAIStreamAnswer {
    struct ToolCall {
        var position: Int
        var id: [UInt8]?
        var type: [UInt8]?
        var name: [UInt8]?
        var arguments: [UInt8] = []
    }

    /// Texts are kept string text (``JSONText``); nil until a chunk has one.
    final class Choice {
        let index: Int
        var role: [UInt8]?
        var content: [UInt8]?
        var text: [UInt8]?
        var refusal: [UInt8]?
        var reasoning: [UInt8]?
        var toolCalls: [ToolCall] = []
        var finishReason: [UInt8]?

        init(index: Int) {
            self.index = index
        }
    }

    var id: [UInt8]?
    var model: [UInt8]?
    /// The `created` number as written.
    var created: [UInt8]?
    var legacy = false
    var systemFingerprint: [UInt8]?
    /// The last `usage` object, as it came.
    var usage: [UInt8]?
    var choices: [Choice] = []

    /// Takes one chunk (the members of its top-level object, `chunk`); an error event
    /// (its `error`) is the caller's.
    mutating func take(_ json: EventJSON, _ chunk: Range<Int>, budget: inout ContentBudget, error: inout Range<Int>?) -> Bool {
        var id: Range<Int>?, model: Range<Int>?, created: Range<Int>?, fingerprint: Range<Int>?
        var object: Range<Int>?, usage: Range<Int>?, choices: Range<Int>?
        let readable = json.forEachMember(of: chunk) { key, value in
            if json.matches(key, "choices") {
                choices = value
            } else if json.matches(key, "error") {
                if json.isValue(value) { error = value }
            } else if json.matches(key, "id") {
                id = value
            } else if json.matches(key, "model") {
                model = value
            } else if json.matches(key, "created") {
                created = value
            } else if json.matches(key, "object") {
                object = value
            } else if json.matches(key, "usage") {
                usage = value
            } else if json.matches(key, "system_fingerprint") {
                fingerprint = value
            }
        }
        guard readable, error == nil else { return readable }
        if self.id == nil { self.id = json.text(id) }
        if self.model == nil { self.model = json.text(model) }
        if self.created == nil, let created, json.integer(created) != nil { self.created = Array(json.slice(created)) }
        if systemFingerprint == nil { systemFingerprint = json.text(fingerprint) }
        if let object = json.stringContent(object), json.matches(object, "text_completion") { legacy = true }
        if json.isObject(usage), let usage { self.usage = Array(json.slice(usage)) }
        if let choices { json.forEachElement(of: choices) { take(choice: $0, json, budget: &budget) } }
        return true
    }

    private mutating func take(choice entry: Range<Int>, _ json: EventJSON, budget: inout ContentBudget) {
        var index: Range<Int>?, text: Range<Int>?, delta: Range<Int>?, finishReason: Range<Int>?
        guard json.isObject(entry) else { return }
        json.forEachMember(of: entry) { key, value in
            if json.matches(key, "delta") {
                delta = value
            } else if json.matches(key, "index") {
                index = value
            } else if json.matches(key, "text") {
                text = value
            } else if json.matches(key, "finish_reason") {
                finishReason = value
            }
        }
        let choice = self.choice(json.integer(index) ?? 0)
        if let text = json.stringContent(text) { budget.append(json.slice(text), to: &choice.text) }
        if let delta, json.isObject(delta) { take(delta: delta, of: choice, json, budget: &budget) }
        if let reason = json.text(finishReason) { choice.finishReason = reason }
    }

    private func take(delta: Range<Int>, of choice: Choice, _ json: EventJSON, budget: inout ContentBudget) {
        var role: Range<Int>?, content: Range<Int>?, refusal: Range<Int>?, reasoningContent: Range<Int>?, reasoning: Range<Int>?
        var toolCalls: Range<Int>?
        json.forEachMember(of: delta) { key, value in
            if json.matches(key, "content") {
                content = value
            } else if json.matches(key, "role") {
                role = value
            } else if json.matches(key, "tool_calls") {
                toolCalls = value
            } else if json.matches(key, "refusal") {
                refusal = value
            } else if json.matches(key, "reasoning_content") {
                reasoningContent = value
            } else if json.matches(key, "reasoning") {
                reasoning = value
            }
        }
        if choice.role == nil { choice.role = json.text(role) }
        if let content = json.stringContent(content) { budget.append(json.slice(content), to: &choice.content) }
        if let refusal = json.stringContent(refusal) { budget.append(json.slice(refusal), to: &choice.refusal) }
        if let reasoning = json.stringContent(reasoningContent) ?? json.stringContent(reasoning) {
            budget.append(json.slice(reasoning), to: &choice.reasoning)
        }
        guard let toolCalls else { return }
        json.forEachElement(of: toolCalls) { call in
            guard json.isObject(call) else { return }
            var index: Range<Int>?, id: Range<Int>?, type: Range<Int>?, function: Range<Int>?
            json.forEachMember(of: call) { key, value in
                if json.matches(key, "function") {
                    function = value
                } else if json.matches(key, "index") {
                    index = value
                } else if json.matches(key, "id") {
                    id = value
                } else if json.matches(key, "type") {
                    type = value
                }
            }
            let position = json.integer(index) ?? choice.toolCalls.count
            let slot = choice.toolCalls.firstIndex { $0.position == position } ?? choice.toolCalls.endIndex
            if slot == choice.toolCalls.endIndex { choice.toolCalls.append(ToolCall(position: position)) }
            if choice.toolCalls[slot].id == nil { choice.toolCalls[slot].id = json.text(id) }
            if choice.toolCalls[slot].type == nil { choice.toolCalls[slot].type = json.text(type) }
            guard let function, json.isObject(function) else { return }
            json.forEachMember(of: function) { key, value in
                if json.matches(key, "arguments"), let piece = json.stringContent(value) {
                    budget.append(json.slice(piece), to: &choice.toolCalls[slot].arguments)
                } else if json.matches(key, "name"), choice.toolCalls[slot].name == nil {
                    choice.toolCalls[slot].name = json.text(value)
                }
            }
        }
    }

    var retainedBytes: Int {
        var total = usage?.count ?? 0
        for choice in choices {
            total += (choice.content?.count ?? 0) + (choice.text?.count ?? 0) + (choice.refusal?.count ?? 0)
            total += (choice.reasoning?.count ?? 0) + choice.toolCalls.reduce(0) { $0 + $1.arguments.count }
        }
        return total
    }

    private mutating func choice(_ index: Int) -> Choice {
        // Usually one: a look at each is cheaper than a dictionary.
        var position = 0
        while position < choices.count {
            if choices[position].index == index { return choices[position] }
            position += 1
        }
        let choice = Choice(index: index)
        choices.append(choice)
        return choice
    }
}

extension OpenAIStreamAnswer {
    /// The `chat.completion` (or `text_completion`) as JSON, its keys in order, `error` (an
    /// in-band error event's, as it came) among them.
    func write(into out: inout [UInt8], error: [UInt8]?) {
        out.write("{")
        out.writeKey("choices")
        out.write("[")
        for choice in choices.count > 1 ? choices.sorted(by: { $0.index < $1.index }) : choices {
            out.separate()
            write(choice, into: &out)
        }
        out.write("]")
        if let created {
            out.writeKey("created")
            out.append(contentsOf: created)
        }
        if let error {
            out.writeKey("error")
            out.append(contentsOf: error)
        }
        if let id {
            out.writeKey("id")
            out.writeString(id)
        }
        if let model {
            out.writeKey("model")
            out.writeString(model)
        }
        out.writeKey("object")
        out.write(legacy ? #""text_completion""# : #""chat.completion""#)
        if let systemFingerprint {
            out.writeKey("system_fingerprint")
            out.writeString(systemFingerprint)
        }
        if let usage {
            out.writeKey("usage")
            out.append(contentsOf: usage)
        }
        out.write("}")
    }

    private func write(_ choice: Choice, into out: inout [UInt8]) {
        out.write(#"{"finish_reason":"#)
        out.writeString(orNull: choice.finishReason)
        out.writeKey("index")
        out.writeInteger(choice.index)
        if legacy || (choice.text != nil && choice.content == nil) {
            out.writeKey("text")
            out.writeString(choice.text ?? [])
            out.write("}")
            return
        }
        out.write(#","message":{"content":"#)
        out.writeString(orNull: choice.content)
        if let reasoning = choice.reasoning {
            out.writeKey("reasoning_content")
            out.writeString(reasoning)
        }
        if let refusal = choice.refusal {
            out.writeKey("refusal")
            out.writeString(refusal)
        }
        out.writeKey("role")
        if let role = choice.role { out.writeString(role) } else { out.write(#""assistant""#) }
        if !choice.toolCalls.isEmpty {
            out.writeKey("tool_calls")
            out.write("[")
            for call in choice.toolCalls.sorted(by: { $0.position < $1.position }) {
                out.separate()
                out.write(#"{"function":{"arguments":"#)
                out.writeString(call.arguments)
                if let name = call.name {
                    out.writeKey("name")
                    out.writeString(name)
                }
                out.write("}")
                if let id = call.id {
                    out.writeKey("id")
                    out.writeString(id)
                }
                out.writeKey("type")
                if let type = call.type { out.writeString(type) } else { out.write(#""function""#) }
                out.write("}")
            }
            out.write("]")
        }
        out.write("}}")
    }
}
