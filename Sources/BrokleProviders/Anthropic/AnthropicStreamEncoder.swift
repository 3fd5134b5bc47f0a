import BrokleCore
import Foundation

/// Turns an OpenAI chunk stream into the Anthropic event stream an Anthropic SDK expects, for the
/// gateway's `/v1/messages` endpoint. Feed it each OpenAI SSE payload (chunk JSON or `[DONE]`) and
/// write the bytes it returns (`event: <type>\ndata: <json>\n\n`, zero or more events).
///
/// Order: `message_start` (input tokens 0: OpenAI reports usage only at the end), then per text run
/// or tool call a `content_block_start`, its deltas and a `content_block_stop`, then `message_delta`
/// (stop reason and usage) and `message_stop`. OpenAI sends `finish_reason` before the usage chunk,
/// so the closing events wait for the usage chunk, or `[DONE]` when no usage comes.
package struct AnthropicStreamEncoder: Sendable {
    package let requestedModel: String
    private var started = false
    private var messageID = ""
    /// The content block being written: its Anthropic index and, for a tool call, OpenAI's index.
    private var open: (index: Int, toolIndex: Int?)?
    private var nextBlock = 0
    /// OpenAI tool call index → Anthropic content block index.
    private var toolBlocks: [Int: Int] = [:]
    private var stopReason: String?
    private var usage: AnthropicWire.Usage?
    /// Set once `message_stop` (or an error event) was written; later input is ignored.
    package private(set) var isFinished = false

    package init(requestedModel: String) {
        self.requestedModel = requestedModel
    }

    /// The Anthropic events for one OpenAI SSE payload.
    package mutating func feed(_ data: String) -> [UInt8] {
        guard !isFinished else { return [] }
        if data == "[DONE]" { return finish() }
        if started, let block = open, block.toolIndex == nil, let text = ChatChunkText.plainText(in: data) {
            return Self.textDeltaEvent(index: block.index, text: text)
        }
        guard let chunk = AnthropicWire.object(AnthropicWire.json(Array(data.utf8))) else { return [] }
        if let error = AnthropicWire.object(chunk["error"]) {
            // An in-band error (the relay's report of a broken upstream) ends the stream.
            let type = error["type"]?.stringValue ?? "api_error"
            return fail(
                type: AnthropicInbound.anthropicErrorTypes.contains(type) ? type : "api_error",
                message: error["message"]?.stringValue ?? "The provider's stream failed."
            )
        }
        var events: [AnthropicWire.StreamEvent] = []
        if !started { events.append(start(id: chunk["id"]?.stringValue)) }
        let choice = AnthropicWire.object(AnthropicWire.array(chunk["choices"])?.first) ?? [:]
        let delta = AnthropicWire.object(choice["delta"]) ?? [:]
        for key in ["content", "refusal"] {
            if let text = delta[key]?.stringValue, !text.isEmpty { events += self.text(text) }
        }
        for call in AnthropicWire.array(delta["tool_calls"]) ?? [] {
            events += toolCall(AnthropicWire.object(call) ?? [:])
        }
        if let reason = choice["finish_reason"]?.stringValue {
            stopReason = AnthropicInbound.stopReason(reason)
            events += close()
        }
        if let usage = AnthropicWire.object(chunk["usage"]) {
            self.usage = AnthropicInbound.usage(usage)
            if stopReason != nil { events += end() }
        }
        return Self.bytes(events)
    }

    /// Closes the message: what `[DONE]` does, also for a stream that ended without one.
    package mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        var events: [AnthropicWire.StreamEvent] = []
        if !started { events.append(start(id: nil)) }
        events += close()
        events += end()
        return Self.bytes(events)
    }

    /// An `error` event for a failure after the response head went out; the stream ends with it.
    package mutating func error(_ error: GatewayError) -> [UInt8] {
        fail(type: AnthropicInbound.errorType(error), message: error.message)
    }

    private mutating func fail(type: String, message: String) -> [UInt8] {
        guard !isFinished else { return [] }
        isFinished = true
        return Self.bytes([.error(.init(type: type, message: message))])
    }

    /// The `error` event that ends a stream relayed untranslated, after the events before it.
    package static func errorEvent(_ error: GatewayError) -> [UInt8] {
        bytes([.error(.init(type: AnthropicInbound.errorType(error), message: error.message))])
    }

    private mutating func start(id: String?) -> AnthropicWire.StreamEvent {
        started = true
        messageID = AnthropicInbound.messageID(id)
        return .messageStart(
            AnthropicWire.Response(
                id: messageID, model: requestedModel, content: [], stopReason: nil, usage: .init(inputTokens: 0, outputTokens: 0)
            ))
    }

    private mutating func text(_ text: String) -> [AnthropicWire.StreamEvent] {
        var events: [AnthropicWire.StreamEvent] = []
        if open == nil || open?.toolIndex != nil {
            events += close()
            events.append(.contentBlockStart(index: nextBlock, block: .text("")))
            open = (nextBlock, nil)
            nextBlock += 1
        }
        events.append(.contentBlockDelta(index: open?.index ?? 0, delta: .text(text)))
        return events
    }

    /// A tool call fragment: the first one for an index (it carries id and name) opens a
    /// `tool_use` block, arguments become `input_json_delta`s of that block.
    private mutating func toolCall(_ call: [String: JSONValue]) -> [AnthropicWire.StreamEvent] {
        let toolIndex = call["index"]?.intValue ?? 0
        let function = AnthropicWire.object(call["function"]) ?? [:]
        var events: [AnthropicWire.StreamEvent] = []
        if toolBlocks[toolIndex] == nil {
            events += close()
            events.append(
                .contentBlockStart(
                    index: nextBlock,
                    block: .toolUse(
                        id: call["id"]?.stringValue ?? "toolu_\(messageID)_\(toolIndex)", name: function["name"]?.stringValue ?? "",
                        input: .object([:])
                    )))
            toolBlocks[toolIndex] = nextBlock
            open = (nextBlock, toolIndex)
            nextBlock += 1
        }
        if let arguments = function["arguments"]?.stringValue, !arguments.isEmpty, let block = toolBlocks[toolIndex] {
            events.append(.contentBlockDelta(index: block, delta: .inputJSON(arguments)))
        }
        return events
    }

    private mutating func close() -> [AnthropicWire.StreamEvent] {
        guard let block = open else { return [] }
        open = nil
        return [.contentBlockStop(index: block.index)]
    }

    private mutating func end() -> [AnthropicWire.StreamEvent] {
        isFinished = true
        return [
            .messageDelta(stopReason: stopReason ?? "end_turn", stopSequence: nil, usage: usage ?? .init(inputTokens: 0, outputTokens: 0)),
            .messageStop,
        ]
    }

    private static func bytes(_ events: [AnthropicWire.StreamEvent]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events {
            out += Array("event: \(event.name)\ndata: ".utf8)
            out += AnthropicWire.encode(event)
            out += Array("\n\n".utf8)
        }
        return out
    }
}
