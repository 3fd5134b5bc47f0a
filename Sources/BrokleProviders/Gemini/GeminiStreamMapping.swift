import BrokleCore
import Foundation

/// Turns the events of `streamGenerateContent?alt=sse` into OpenAI `chat.completion.chunk` payloads,
/// one event at a time (a pure value: no I/O, tested on transcripts).
///
/// Each Gemini event is a whole `GenerateContentResponse` carrying only the new parts. The first
/// chunk of each choice carries `role`; text parts become `delta.content`; a function call arrives
/// whole and becomes one `tool_calls` delta (id, name and all arguments) with a running index;
/// `finish_reason` rides on the chunk of the event where Gemini reports `finishReason`. Gemini sends
/// no `[DONE]`, so the caller calls ``finish()`` when the upstream bytes end: it adds the usage chunk
/// (when the client asked for it, from the latest `usageMetadata` seen) and `[DONE]`.
struct GeminiStreamMapping: StreamTranslator {
    let fallbackID: String
    let model: String
    let created: Int
    let includeUsage: Bool

    private var id: String?
    private var servedModel: String?
    private var usage: GeminiWire.UsageMetadata?
    /// Per choice index: the role went out, and how many tool calls it has made so far.
    private var started: Set<Int> = []
    private var toolCalls: [Int: Int] = [:]
    private var callNumber = 0
    private var failed = false
    /// Set by ``finish()``: Gemini's stream is complete only when its bytes end.
    private(set) var isFinished = false

    init(fallbackID: String, model: String, created: Int, includeUsage: Bool) {
        self.fallbackID = fallbackID
        self.model = model
        self.created = created
        self.includeUsage = includeUsage
    }

    /// The chunk payloads (JSON text, without `data: `) for one Gemini event's data. An error in
    /// the stream is passed on as an OpenAI error payload, not thrown.
    mutating func feed(_ data: String) -> [String] {
        guard !failed else { return [] }
        let bytes = Data(data.utf8)
        guard let event = try? JSONDecoder().decode(GeminiWire.Response.self, fromUntrusted: bytes) else {
            failed = true
            return [Self.errorPayload(bytes)]
        }
        if event.candidates == nil, event.usageMetadata == nil, event.promptFeedback == nil,
            (try? JSONDecoder().decode(GeminiWire.ErrorBody.self, fromUntrusted: bytes))?.error != nil
        {
            // An error reported in-band after the stream started.
            failed = true
            return [Self.errorPayload(bytes)]
        }
        if id == nil { id = GeminiResponseMapping.completionID(event, fallback: fallbackID) }
        if let version = event.modelVersion { servedModel = version }
        if let metadata = event.usageMetadata { usage = metadata }

        var chunks: [String] = []
        let candidates = event.candidates ?? []
        if candidates.isEmpty, event.promptFeedback?.blockReason != nil {
            chunks.append(chunk(choice: 0, delta: [:], finishReason: .string("content_filter")))
        }
        for (position, candidate) in candidates.enumerated() {
            chunks += self.chunks(for: candidate, choice: candidate.index ?? position)
        }
        return chunks
    }

    /// The end of the upstream stream: the usage chunk (when asked for) and `[DONE]`.
    mutating func finish() -> [String] {
        isFinished = true
        var payloads: [String] = []
        if includeUsage && !failed {
            payloads.append(
                encode(
                    .object([
                        "id": .string(id ?? "chatcmpl-" + fallbackID), "object": .string("chat.completion.chunk"),
                        "created": .int(created), "model": .string(servedModel ?? model),
                        "choices": .array([]), "usage": GeminiResponseMapping.usage(usage),
                    ])))
        }
        payloads.append("[DONE]")
        return payloads
    }

    private mutating func chunks(for candidate: GeminiWire.Candidate, choice: Int) -> [String] {
        let parts = candidate.content?.parts ?? []
        var deltas: [[String: JSONValue]] = []
        let text = parts.filter { $0.thought != true }.compactMap(\.text).joined()
        if !text.isEmpty { deltas.append(["content": .string(text)]) }
        for part in parts {
            guard let call = part.functionCall else { continue }
            let index = toolCalls[choice, default: 0]
            toolCalls[choice] = index + 1
            guard case .object(var toolCall) = GeminiResponseMapping.toolCall(call, signature: part.thoughtSignature, number: callNumber)
            else { continue }
            callNumber += 1
            toolCall["index"] = .int(index)
            deltas.append(["tool_calls": .array([.object(toolCall)])])
        }
        let finish = candidate.finishReason.map { GeminiResponseMapping.finishReason($0, hasToolCalls: toolCalls[choice, default: 0] > 0) }
        if deltas.isEmpty && (finish != nil || !started.contains(choice)) {
            deltas.append([:])
        }
        return deltas.enumerated().map { offset, delta in
            chunk(choice: choice, delta: delta, finishReason: offset == deltas.count - 1 ? finish ?? .null : .null)
        }
    }

    private mutating func chunk(choice: Int, delta: [String: JSONValue], finishReason: JSONValue) -> String {
        var delta = delta
        if started.insert(choice).inserted {
            delta["role"] = .string("assistant")
            if delta["content"] == nil && delta["tool_calls"] == nil { delta["content"] = .string("") }
        }
        return encode(
            .object([
                "id": .string(id ?? "chatcmpl-" + fallbackID), "object": .string("chat.completion.chunk"),
                "created": .int(created), "model": .string(servedModel ?? model),
                "choices": .array([.object(["index": .int(choice), "delta": .object(delta), "finish_reason": finishReason])]),
            ]))
    }

    private func encode(_ value: JSONValue) -> String {
        (try? GeminiWire.encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// An in-band OpenAI error event for a Gemini error event (or an event that is not JSON).
    static func errorPayload(_ bytes: Data) -> String {
        let translated = GeminiResponseMapping.error(status: 500, body: bytes, secrets: [])
        if (try? JSONDecoder().decode(GeminiWire.ErrorBody.self, fromUntrusted: bytes))?.error == nil {
            return
                #"{"error":{"message":"The provider sent a stream event that could not be read.","type":"api_error","code":"upstream_invalid_response","param":null}}"#
        }
        return String(decoding: translated.body, as: UTF8.self)
    }
}
