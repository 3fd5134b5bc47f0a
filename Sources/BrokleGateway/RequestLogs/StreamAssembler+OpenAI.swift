import Foundation

/// OpenAI chat (and legacy completions) chunks assembled: per choice, the role, the text deltas,
/// the tool calls' names and argument deltas, and the finish reason; the usage chunk's usage.
/// Choices are references, so a piece of text is appended where it is kept, never to a copy.
struct OpenAIStreamAnswer {
    struct ToolCall {
        var id: String?
        var type: String?
        var name: String?
        var arguments = ""
    }

    final class Choice {
        var role: String?
        var content: String?
        var text: String?
        var refusal: String?
        var reasoning: String?
        var toolCalls: [Int: ToolCall] = [:]
        var finishReason: String?
    }

    var id: String?
    var model: String?
    var created: Int?
    var legacy = false
    var systemFingerprint: String?
    var usage: Data?
    var choices: [Int: Choice] = [:]

    mutating func take(_ chunk: [String: Any], budget: inout ContentBudget) {
        id = id ?? chunk["id"] as? String
        model = model ?? chunk["model"] as? String
        created = created ?? chunk["created"] as? Int
        systemFingerprint = systemFingerprint ?? chunk["system_fingerprint"] as? String
        if (chunk["object"] as? String) == "text_completion" { legacy = true }
        if let usage = JSONFragment.data(chunk["usage"]) { self.usage = usage }
        for case let entry as [String: Any] in chunk["choices"] as? [Any] ?? [] {
            let index = entry["index"] as? Int ?? 0
            let choice = choices[index] ?? Choice()
            if let text = entry["text"] as? String { choice.text = Self.appending(text, to: choice.text, budget: &budget) }
            if let delta = entry["delta"] as? [String: Any] {
                choice.role = choice.role ?? delta["role"] as? String
                if let text = delta["content"] as? String { choice.content = Self.appending(text, to: choice.content, budget: &budget) }
                if let text = delta["refusal"] as? String { choice.refusal = Self.appending(text, to: choice.refusal, budget: &budget) }
                if let text = (delta["reasoning_content"] ?? delta["reasoning"]) as? String {
                    choice.reasoning = Self.appending(text, to: choice.reasoning, budget: &budget)
                }
                for case let call as [String: Any] in delta["tool_calls"] as? [Any] ?? [] {
                    let position = call["index"] as? Int ?? choice.toolCalls.count
                    var kept = choice.toolCalls[position] ?? ToolCall()
                    kept.id = kept.id ?? call["id"] as? String
                    kept.type = kept.type ?? call["type"] as? String
                    let function = call["function"] as? [String: Any]
                    kept.name = kept.name ?? function?["name"] as? String
                    if let piece = function?["arguments"] as? String { budget.append(piece, to: &kept.arguments) }
                    choice.toolCalls[position] = kept
                }
            }
            if let reason = entry["finish_reason"] as? String { choice.finishReason = reason }
            choices[index] = choice
        }
    }

    /// What a chunk that is only one piece of choice 0's text never holds.
    private static let notPlain = [
        #""tool_calls""#, #""usage":{"#, #""finish_reason":""#, #""refusal":""#, #""reasoning"#, #""role":"#, #""error""#,
        #""logprobs":{"#, #""text":"#,
    ].map { Array($0.utf8) }
    private static let index = StreamEventScan.needle(#""index":"#)
    private static let firstIndex = StreamEventScan.needle(#""index":0"#)
    private static let content = StreamEventScan.needle(#""content":""#)

    /// Takes a chunk that is one piece of choice 0's text (after the first chunk); false for any
    /// other, which is decoded.
    mutating func takePlain(_ bytes: UnsafeRawBufferPointer, budget: inout ContentBudget) -> Bool {
        guard id != nil, let choice = choices[0], choice.content != nil else { return false }
        for needle in Self.notPlain where StreamEventScan.contains(needle, in: bytes) { return false }
        guard StreamEventScan.count(Self.index, in: bytes) == 1, StreamEventScan.contains(Self.firstIndex, in: bytes),
            let piece = StreamEventScan.plainString(after: Self.content, in: bytes)
        else { return false }
        budget.append(piece, to: &choice.content!)
        return true
    }

    private static func appending(_ piece: String, to text: String?, budget: inout ContentBudget) -> String {
        var text = text ?? ""
        budget.append(piece, to: &text)
        return text
    }

    func answer() -> [String: Any] {
        var answer: [String: Any] = ["object": legacy ? "text_completion" : "chat.completion"]
        if let id { answer["id"] = id }
        if let model { answer["model"] = model }
        if let created { answer["created"] = created }
        if let systemFingerprint { answer["system_fingerprint"] = systemFingerprint }
        if let usage = JSONFragment.value(usage) { answer["usage"] = usage }
        answer["choices"] = choices.keys.sorted().map { index -> [String: Any] in
            let choice = choices[index]!
            var entry: [String: Any] = ["index": index, "finish_reason": choice.finishReason ?? NSNull()]
            if legacy || (choice.text != nil && choice.content == nil) {
                entry["text"] = choice.text ?? ""
                return entry
            }
            var message: [String: Any] = ["role": choice.role ?? "assistant", "content": choice.content ?? NSNull()]
            if let refusal = choice.refusal { message["refusal"] = refusal }
            if let reasoning = choice.reasoning { message["reasoning_content"] = reasoning }
            if !choice.toolCalls.isEmpty {
                message["tool_calls"] = choice.toolCalls.keys.sorted().map { position -> [String: Any] in
                    let call = choice.toolCalls[position]!
                    var function: [String: Any] = ["arguments": call.arguments]
                    if let name = call.name { function["name"] = name }
                    var kept: [String: Any] = ["type": call.type ?? "function", "function": function]
                    if let id = call.id { kept["id"] = id }
                    return kept
                }
            }
            entry["message"] = message
            return entry
        }
        return answer
    }
}
