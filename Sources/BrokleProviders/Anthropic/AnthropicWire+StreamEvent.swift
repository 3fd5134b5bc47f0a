import Foundation

extension AnthropicWire {
    /// One event of a streamed message. The SSE `event:` line repeats `type`; Brokle reads `type`.
    enum StreamEvent: Codable, Sendable, Equatable {
        case messageStart(Response)
        case contentBlockStart(index: Int, block: ContentBlock)
        case contentBlockDelta(index: Int, delta: Delta)
        case contentBlockStop(index: Int)
        /// `stop_reason` and the running usage (output tokens; newer API versions repeat the rest).
        case messageDelta(stopReason: String?, stopSequence: String?, usage: Usage?)
        case messageStop
        case ping
        case error(ErrorBody.Detail)
        /// Event types added after this was written: ignored, as the API's versioning policy asks.
        case unknown(type: String)

        enum Delta: Codable, Sendable, Equatable {
            case text(String)
            case inputJSON(String)
            case thinking(String)
            case signature(String)
            /// citations_delta, ...: no OpenAI equivalent.
            case other(type: String)

            enum CodingKeys: String, CodingKey {
                case type, text, thinking, signature
                case partialJSON = "partial_json"
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let type = try container.decode(String.self, forKey: .type)
                switch type {
                case "text_delta": self = .text(try container.decode(String.self, forKey: .text))
                case "input_json_delta": self = .inputJSON(try container.decode(String.self, forKey: .partialJSON))
                case "thinking_delta": self = .thinking(try container.decode(String.self, forKey: .thinking))
                case "signature_delta": self = .signature(try container.decode(String.self, forKey: .signature))
                default: self = .other(type: type)
                }
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                switch self {
                case .text(let text):
                    try container.encode("text_delta", forKey: .type)
                    try container.encode(text, forKey: .text)
                case .inputJSON(let partial):
                    try container.encode("input_json_delta", forKey: .type)
                    try container.encode(partial, forKey: .partialJSON)
                case .thinking(let thinking):
                    try container.encode("thinking_delta", forKey: .type)
                    try container.encode(thinking, forKey: .thinking)
                case .signature(let signature):
                    try container.encode("signature_delta", forKey: .type)
                    try container.encode(signature, forKey: .signature)
                case .other(let type):
                    try container.encode(type, forKey: .type)
                }
            }
        }

        private struct MessageDeltaBody: Codable, Equatable {
            var stopReason: String?
            var stopSequence: String?

            enum CodingKeys: String, CodingKey {
                case stopReason = "stop_reason", stopSequence = "stop_sequence"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(stopReason, forKey: .stopReason)
                try container.encode(stopSequence, forKey: .stopSequence)
            }
        }

        enum CodingKeys: String, CodingKey {
            case type, message, index, delta, usage, error
            case contentBlock = "content_block"
        }

        /// The event's `type`, also its SSE `event:` name.
        var name: String {
            switch self {
            case .messageStart: "message_start"
            case .contentBlockStart: "content_block_start"
            case .contentBlockDelta: "content_block_delta"
            case .contentBlockStop: "content_block_stop"
            case .messageDelta: "message_delta"
            case .messageStop: "message_stop"
            case .ping: "ping"
            case .error: "error"
            case .unknown(let type): type
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            switch type {
            case "message_start": self = .messageStart(try container.decode(Response.self, forKey: .message))
            case "content_block_start":
                self = .contentBlockStart(
                    index: try container.decode(Int.self, forKey: .index),
                    block: try container.decode(ContentBlock.self, forKey: .contentBlock)
                )
            case "content_block_delta":
                self = .contentBlockDelta(
                    index: try container.decode(Int.self, forKey: .index), delta: try container.decode(Delta.self, forKey: .delta))
            case "content_block_stop": self = .contentBlockStop(index: try container.decode(Int.self, forKey: .index))
            case "message_delta":
                let delta = try container.decodeIfPresent(MessageDeltaBody.self, forKey: .delta)
                self = .messageDelta(
                    stopReason: delta?.stopReason, stopSequence: delta?.stopSequence,
                    usage: try container.decodeIfPresent(Usage.self, forKey: .usage)
                )
            case "message_stop": self = .messageStop
            case "ping": self = .ping
            case "error": self = .error(try container.decodeIfPresent(ErrorBody.Detail.self, forKey: .error) ?? .init())
            default: self = .unknown(type: type)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .type)
            switch self {
            case .messageStart(let message): try container.encode(message, forKey: .message)
            case .contentBlockStart(let index, let block):
                try container.encode(index, forKey: .index)
                try container.encode(block, forKey: .contentBlock)
            case .contentBlockDelta(let index, let delta):
                try container.encode(index, forKey: .index)
                try container.encode(delta, forKey: .delta)
            case .contentBlockStop(let index): try container.encode(index, forKey: .index)
            case .messageDelta(let stopReason, let stopSequence, let usage):
                try container.encode(MessageDeltaBody(stopReason: stopReason, stopSequence: stopSequence), forKey: .delta)
                try container.encodeIfPresent(usage, forKey: .usage)
            case .error(let detail): try container.encode(detail, forKey: .error)
            case .messageStop, .ping, .unknown: break
            }
        }
    }
}
