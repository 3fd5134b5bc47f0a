import BrokleCore
import Foundation

/// The Anthropic Messages API on the wire (`POST /v1/messages`, version 2023-06-01): the request,
/// the message it answers with, its stream events and its error body. The same types serve both
/// directions (Brokle calling Anthropic, and Anthropic SDKs calling Brokle), so every type both
/// decodes and encodes. Keys are spelled out in `CodingKeys` instead of a key strategy: a strategy
/// would also rewrite the keys inside tool schemas and tool inputs.
enum AnthropicWire {
    static let version = "2023-06-01"

    struct Request: Codable, Sendable, Equatable {
        var model: String?
        var system: Content?
        var messages: [Message]?
        /// Required by Anthropic; optional here so a missing value is reported with its name.
        var maxTokens: Int?
        var temperature: Double?
        var topP: Double?
        var topK: Int?
        var stopSequences: [String]?
        var stream: Bool?
        var tools: [Tool]?
        var toolChoice: ToolChoice?
        var metadata: Metadata?
        /// Extended thinking (`{"type":"enabled","budget_tokens":N}`), from `reasoning_effort`.
        var thinking: JSONValue?

        enum CodingKeys: String, CodingKey {
            case model, system, messages, temperature, stream, tools, metadata, thinking
            case maxTokens = "max_tokens", topP = "top_p", topK = "top_k"
            case stopSequences = "stop_sequences", toolChoice = "tool_choice"
        }
    }

    struct Message: Codable, Sendable, Equatable {
        var role: String
        var content: Content
    }

    /// A string, or a list of content blocks (message content, `system`, tool results).
    enum Content: Codable, Sendable, Equatable {
        case text(String)
        case blocks([ContentBlock])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .blocks(try container.decode([ContentBlock].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .blocks(let blocks): try container.encode(blocks)
            }
        }

        var blocks: [ContentBlock] {
            switch self {
            case .text(let text): [.text(text)]
            case .blocks(let blocks): blocks
            }
        }

        /// The text blocks joined by `separator`; other blocks are skipped.
        func text(separator: String) -> String {
            switch self {
            case .text(let text): text
            case .blocks(let blocks): blocks.compactMap(\.text).joined(separator: separator)
            }
        }
    }

    /// `{"type":"base64","media_type":…,"data":…}` or `{"type":"url","url":…}`.
    struct ImageSource: Codable, Sendable, Equatable {
        var type: String
        var mediaType: String?
        var data: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case type, data, url
            case mediaType = "media_type"
        }
    }

    enum ContentBlock: Codable, Sendable, Equatable {
        case text(String)
        case image(ImageSource)
        case toolUse(id: String, name: String, input: JSONValue)
        case toolResult(toolUseID: String, content: Content?, isError: Bool?)
        /// A model's reasoning, with the signature Anthropic needs to take it back in a later turn.
        case thinking(String, signature: String?)
        /// Block kinds Brokle does not translate (documents, server tools, redacted thinking, ...).
        case other(type: String)

        enum CodingKeys: String, CodingKey {
            case type, text, source, id, name, input, content, thinking, signature
            case toolUseID = "tool_use_id", isError = "is_error"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            switch type {
            case "text": self = .text(try container.decode(String.self, forKey: .text))
            case "image": self = .image(try container.decode(ImageSource.self, forKey: .source))
            case "tool_use":
                self = .toolUse(
                    id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
                    input: try container.decodeIfPresent(JSONValue.self, forKey: .input) ?? .object([:])
                )
            case "tool_result":
                self = .toolResult(
                    toolUseID: try container.decode(String.self, forKey: .toolUseID),
                    content: try container.decodeIfPresent(Content.self, forKey: .content),
                    isError: try container.decodeIfPresent(Bool.self, forKey: .isError)
                )
            case "thinking":
                self = .thinking(
                    try container.decodeIfPresent(String.self, forKey: .thinking) ?? "",
                    signature: try container.decodeIfPresent(String.self, forKey: .signature))
            default: self = .other(type: type)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case .image(let source):
                try container.encode("image", forKey: .type)
                try container.encode(source, forKey: .source)
            case .toolUse(let id, let name, let input):
                try container.encode("tool_use", forKey: .type)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
                try container.encode(input, forKey: .input)
            case .toolResult(let toolUseID, let content, let isError):
                try container.encode("tool_result", forKey: .type)
                try container.encode(toolUseID, forKey: .toolUseID)
                try container.encodeIfPresent(content, forKey: .content)
                try container.encodeIfPresent(isError, forKey: .isError)
            case .thinking(let thinking, let signature):
                try container.encode("thinking", forKey: .type)
                try container.encode(thinking, forKey: .thinking)
                try container.encodeIfPresent(signature, forKey: .signature)
            case .other(let type):
                try container.encode(type, forKey: .type)
            }
        }

        var text: String? { if case .text(let text) = self { text } else { nil } }
    }

    /// A client tool (`input_schema` set). Server tools (web search, bash, ...) have a `type` and no schema.
    struct Tool: Codable, Sendable, Equatable {
        var type: String?
        var name: String
        var description: String?
        var inputSchema: JSONValue?

        enum CodingKeys: String, CodingKey {
            case type, name, description
            case inputSchema = "input_schema"
        }
    }

    /// `{"type":"auto"|"any"|"tool"|"none", "name"?, "disable_parallel_tool_use"?}`
    struct ToolChoice: Codable, Sendable, Equatable {
        var type: String
        var name: String?
        var disableParallelToolUse: Bool?

        enum CodingKeys: String, CodingKey {
            case type, name
            case disableParallelToolUse = "disable_parallel_tool_use"
        }
    }

    struct Metadata: Codable, Sendable, Equatable {
        var userID: String?

        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    struct Usage: Codable, Sendable, Equatable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheCreationInputTokens: Int?
        var cacheReadInputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens", outputTokens = "output_tokens"
            case cacheCreationInputTokens = "cache_creation_input_tokens", cacheReadInputTokens = "cache_read_input_tokens"
        }
    }

    /// A whole message (the answer to a non-streaming call, and the skeleton in `message_start`).
    struct Response: Codable, Sendable, Equatable {
        var id: String
        var type: String = "message"
        var role: String = "assistant"
        var model: String
        var content: [ContentBlock]
        var stopReason: String?
        var stopSequence: String?
        var usage: Usage?

        enum CodingKeys: String, CodingKey {
            case id, type, role, model, content, usage
            case stopReason = "stop_reason", stopSequence = "stop_sequence"
        }

        init(id: String, model: String, content: [ContentBlock], stopReason: String?, stopSequence: String? = nil, usage: Usage?) {
            self.id = id
            self.model = model
            self.content = content
            self.stopReason = stopReason
            self.stopSequence = stopSequence
            self.usage = usage
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
            type = try container.decodeIfPresent(String.self, forKey: .type) ?? "message"
            role = try container.decodeIfPresent(String.self, forKey: .role) ?? "assistant"
            model = try container.decodeIfPresent(String.self, forKey: .model) ?? ""
            content = try container.decodeIfPresent([ContentBlock].self, forKey: .content) ?? []
            stopReason = try container.decodeIfPresent(String.self, forKey: .stopReason)
            stopSequence = try container.decodeIfPresent(String.self, forKey: .stopSequence)
            usage = try container.decodeIfPresent(Usage.self, forKey: .usage)
        }

        /// `stop_reason` and `stop_sequence` are written as `null` when unset, as Anthropic does.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(type, forKey: .type)
            try container.encode(role, forKey: .role)
            try container.encode(model, forKey: .model)
            try container.encode(content, forKey: .content)
            try container.encode(stopReason, forKey: .stopReason)
            try container.encode(stopSequence, forKey: .stopSequence)
            try container.encodeIfPresent(usage, forKey: .usage)
        }
    }

    /// `{"type":"error","error":{"type":…,"message":…}}`
    struct ErrorBody: Codable, Sendable, Equatable {
        struct Detail: Codable, Sendable, Equatable {
            var type: String?
            var message: String?
        }
        var type: String = "error"
        var error: Detail
    }

    static let decoder = JSONDecoder()

    /// Compact JSON, keys sorted so the same value always encodes to the same bytes.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ value: some Encodable) -> [UInt8] {
        // Encoding these value types cannot fail (no non-finite numbers come out of a decoder).
        (try? Array(encoder.encode(value))) ?? Array("null".utf8)
    }
}
