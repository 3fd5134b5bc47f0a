import BrokleCore
import Foundation

/// The Gemini API (Google AI Studio, `generativelanguage.googleapis.com/v1beta`) wire format: the
/// JSON bodies of `generateContent`, `streamGenerateContent?alt=sse` and `batchEmbedContents`, with
/// Gemini's camelCase field names. Free-form values (tool arguments, schemas, tool results) stay
/// ``JSONValue`` so they pass through untouched. Optional fields are left out when nil.
enum GeminiWire {
    // MARK: Request

    struct Request: Codable, Equatable, Sendable {
        var contents: [Content]
        var systemInstruction: Content?
        var tools: [Tool]?
        var toolConfig: ToolConfig?
        var generationConfig: GenerationConfig?
    }

    /// One turn: `user` or `model` (no role in `systemInstruction`).
    struct Content: Codable, Equatable, Sendable {
        var role: String?
        var parts: [Part]?
    }

    /// One piece of a turn; exactly one of the payload fields is set.
    struct Part: Codable, Equatable, Sendable {
        var text: String?
        /// True on a thought summary (thinking models), which is reasoning, not answer text.
        var thought: Bool?
        /// Opaque token Gemini 3 attaches to function calls and requires back on later turns.
        var thoughtSignature: String?
        var inlineData: Blob?
        var fileData: FileData?
        var functionCall: FunctionCall?
        var functionResponse: FunctionResponse?

        init(
            text: String? = nil, thoughtSignature: String? = nil, inlineData: Blob? = nil, fileData: FileData? = nil,
            functionCall: FunctionCall? = nil, functionResponse: FunctionResponse? = nil
        ) {
            self.text = text
            self.thoughtSignature = thoughtSignature
            self.inlineData = inlineData
            self.fileData = fileData
            self.functionCall = functionCall
            self.functionResponse = functionResponse
        }
    }

    /// Base64 bytes sent inline (images from `data:` URLs, audio, files).
    struct Blob: Codable, Equatable, Sendable {
        var mimeType: String
        var data: String
    }

    /// A file Gemini fetches itself (an http(s) URL or a Files API URI).
    struct FileData: Codable, Equatable, Sendable {
        var mimeType: String?
        var fileUri: String
    }

    struct FunctionCall: Codable, Equatable, Sendable {
        var id: String?
        var name: String
        var args: JSONValue?
    }

    struct FunctionResponse: Codable, Equatable, Sendable {
        var name: String
        var response: JSONValue
    }

    struct Tool: Codable, Equatable, Sendable {
        var functionDeclarations: [FunctionDeclaration]
    }

    struct FunctionDeclaration: Codable, Equatable, Sendable {
        var name: String
        var description: String?
        var parameters: JSONValue?
    }

    struct ToolConfig: Codable, Equatable, Sendable {
        var functionCallingConfig: FunctionCallingConfig
    }

    struct FunctionCallingConfig: Codable, Equatable, Sendable {
        /// `AUTO`, `ANY` or `NONE`.
        var mode: String
        var allowedFunctionNames: [String]?
    }

    struct GenerationConfig: Codable, Equatable, Sendable {
        var temperature: Double?
        var topP: Double?
        var maxOutputTokens: Int?
        var stopSequences: [String]?
        var candidateCount: Int?
        var presencePenalty: Double?
        var frequencyPenalty: Double?
        var seed: Int?
        var responseMimeType: String?
        var responseSchema: JSONValue?

        var isEmpty: Bool { self == GenerationConfig() }
    }

    // MARK: Response

    /// A `generateContent` answer, and also each event of `streamGenerateContent?alt=sse`.
    struct Response: Decodable, Sendable {
        var candidates: [Candidate]?
        var promptFeedback: PromptFeedback?
        var usageMetadata: UsageMetadata?
        var modelVersion: String?
        var responseId: String?
    }

    struct Candidate: Decodable, Sendable {
        var content: Content?
        /// `STOP`, `MAX_TOKENS`, `SAFETY`, `RECITATION`, `BLOCKLIST`, ...; absent until the last event.
        var finishReason: String?
        var index: Int?
    }

    /// Set when the prompt itself was blocked (then there are no candidates).
    struct PromptFeedback: Decodable, Sendable {
        var blockReason: String?
    }

    struct UsageMetadata: Decodable, Equatable, Sendable {
        /// Includes the cached tokens (like OpenAI's `prompt_tokens`).
        var promptTokenCount: Int?
        /// Answer tokens, excluding thoughts.
        var candidatesTokenCount: Int?
        var totalTokenCount: Int?
        var cachedContentTokenCount: Int?
        var thoughtsTokenCount: Int?
    }

    // MARK: Errors

    /// `{"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}`.
    struct ErrorBody: Decodable, Sendable {
        struct Detail: Decodable, Sendable {
            var reason: String?
            /// `google.rpc.RetryInfo`: how long to wait, as a protobuf duration (`"17s"`, `"0.5s"`).
            var retryDelay: String?
        }
        struct Status: Decodable, Sendable {
            var code: Int?
            var message: String?
            var status: String?
            var details: [Detail]?
        }
        var error: Status?
    }

    // MARK: Embeddings

    struct BatchEmbedRequest: Codable, Equatable, Sendable {
        var requests: [EmbedRequest]
    }

    struct EmbedRequest: Codable, Equatable, Sendable {
        /// `models/<model>`, the same model as the URL's.
        var model: String
        var content: Content
        var outputDimensionality: Int?
    }

    struct BatchEmbedResponse: Decodable, Sendable {
        struct Embedding: Decodable, Sendable { var values: [Double] }
        var embeddings: [Embedding]?
    }

    // MARK: Coding

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
