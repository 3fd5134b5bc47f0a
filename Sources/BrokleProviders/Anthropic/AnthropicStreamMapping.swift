import BrokleCore
import Foundation
import NIOCore

/// Turns Anthropic stream events into OpenAI `chat.completion.chunk`s, one event at a time: feed it
/// each event's data and send what it returns. It remembers what later chunks need: the message id
/// and model (from `message_start`), the usage (input from `message_start`, output from
/// `message_delta`), and which content block is which tool call.
struct AnthropicStreamMapping: StreamTranslator {
    let includeUsage: Bool
    let created: Int
    private(set) var id = ""
    private(set) var model: String
    private var usage = AnthropicWire.Usage()
    /// Content block index → OpenAI tool call index (0, 1, ... in the order the calls start).
    private var toolIndexes: [Int: Int] = [:]
    /// Set once `message_stop` was mapped (the last payload returned is then `[DONE]`).
    private(set) var isFinished = false

    init(model: String, includeUsage: Bool, created: Int) {
        self.model = model
        self.includeUsage = includeUsage
        self.created = created
    }

    /// The OpenAI SSE payloads (chunk JSON, then `[DONE]` at the end) for one Anthropic event.
    /// An `error` event is thrown, so the relay reports it to the client in-band.
    mutating func feed(_ data: String) throws(GatewayError) -> [String] {
        guard !isFinished else { return [] }
        guard let event = try? AnthropicWire.decoder.decode(AnthropicWire.StreamEvent.self, fromUntrusted: data.utf8) else {
            throw .upstreamBadResponse("The provider sent a stream event Brokle could not read.")
        }
        switch event {
        case .messageStart(let message):
            id = message.id
            if !message.model.isEmpty { model = message.model }
            usage = message.usage ?? usage
            return [chunk(delta: ["role": .string("assistant"), "content": .string("")])]
        case .contentBlockStart(_, .text(let text)):
            return text.isEmpty ? [] : [chunk(delta: ["content": .string(text)])]
        case .contentBlockStart(let index, .toolUse(let callID, let name, _)):
            let toolIndex = toolIndexes.count
            toolIndexes[index] = toolIndex
            let call = AnthropicResponseMapping.toolCall(id: callID, name: name, arguments: "")
            guard case .object(var fields) = call else { return [] }
            fields["index"] = .int(toolIndex)
            return [chunk(delta: ["tool_calls": .array([.object(fields)])])]
        case .contentBlockDelta(_, .text(let text)):
            return text.isEmpty ? [] : [chunk(delta: ["content": .string(text)])]
        case .contentBlockDelta(_, .thinking(let text)):
            return text.isEmpty ? [] : [chunk(delta: ["reasoning_content": .string(text)])]
        case .contentBlockDelta(_, .signature(let signature)):
            return [chunk(delta: ["reasoning_signature": .string(AnthropicThinking.chatSignature(signature))])]
        case .contentBlockDelta(let index, .inputJSON(let partial)):
            guard let toolIndex = toolIndexes[index], !partial.isEmpty else { return [] }
            let call: JSONValue = .object(["index": .int(toolIndex), "function": .object(["arguments": .string(partial)])])
            return [chunk(delta: ["tool_calls": .array([call])])]
        case .messageDelta(let stopReason, _, let delta):
            if let delta { usage.merge(delta) }
            guard let stopReason else { return [] }
            return [chunk(delta: [:], finishReason: AnthropicResponseMapping.finishReason(stopReason))]
        case .messageStop:
            isFinished = true
            var payloads: [String] = []
            if includeUsage {
                payloads.append(head.usage(AnthropicResponseMapping.usage(usage), encode: AnthropicWire.encode))
            }
            payloads.append("[DONE]")
            return payloads
        case .error(let detail):
            isFinished = true
            throw GatewayError.upstreamStreamError(code: detail.type, message: detail.message)
        case .contentBlockStart, .contentBlockDelta, .contentBlockStop, .ping, .unknown:
            // Server-tool blocks, block ends and keep-alives carry nothing for OpenAI clients (a
            // thinking block's text and signature come in its deltas).
            return []
        }
    }

    private var head: ChatChunk { ChatChunk(id: id, created: created, model: model) }

    private func chunk(delta: [String: JSONValue], finishReason: String? = nil) -> String {
        head.delta(delta, finishReason: finishReason, encode: AnthropicWire.encode)
    }
}

extension AnthropicStreamMapping {
    /// Anthropic ends every complete answer with `message_stop`: an upstream that ends before it
    /// was cut short.
    mutating func finish() throws(GatewayError) -> [String] {
        throw GatewayError.upstreamStreamBroken("The provider's stream ended before the message was complete.")
    }
}
