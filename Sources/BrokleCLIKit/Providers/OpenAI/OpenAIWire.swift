import Foundation
import NIOCore

/// The bits of OpenAI responses the gateway reads: usage (from a body or a stream chunk) and the
/// error object of a failed call.
enum OpenAIWire {
    struct Usage: Decodable {
        struct PromptDetails: Decodable { var cachedTokens: Int? }
        struct CompletionDetails: Decodable { var reasoningTokens: Int? }
        var promptTokens: Int?
        var completionTokens: Int?
        var promptTokensDetails: PromptDetails?
        var completionTokensDetails: CompletionDetails?
        /// Prompt tokens written to the provider's cache (Anthropic, via its adapter); part of `prompt_tokens`.
        var cacheCreationInputTokens: Int?

        var neutral: TokenUsage {
            TokenUsage(
                input: promptTokens ?? 0, output: completionTokens ?? 0, cachedInput: promptTokensDetails?.cachedTokens ?? 0,
                cacheWrite: cacheCreationInputTokens ?? 0, reasoning: completionTokensDetails?.reasoningTokens ?? 0
            )
        }
    }

    /// A response body or stream chunk: its usage, and whether `choices` is empty (the extra usage
    /// chunk sent for `stream_options.include_usage`).
    struct Envelope: Decodable {
        struct Ignored: Decodable {}
        var usage: Usage?
        var choices: [Ignored]?
    }

    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var message: String?
            var type: String?
            var code: String?
            var param: String?

            enum CodingKeys: String, CodingKey { case message, type, code, param }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                message = try? container.decode(String.self, forKey: .message)
                type = try? container.decode(String.self, forKey: .type)
                code =
                    (try? container.decode(String.self, forKey: .code)) ?? (try? container.decode(Int.self, forKey: .code)).map(String.init)
                param = try? container.decode(String.self, forKey: .param)
            }
        }
        var error: Detail?
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// Usage and whether `choices` is empty, read with the top-level scanner instead of decoding the
    /// whole body: this runs on every response, and JSONDecoder cost more than the rest of the
    /// handler in a profile.
    static func envelope(_ bytes: some Collection<UInt8>) -> Envelope? {
        let bytes = Array(bytes)
        var scanner = JSONScanner(bytes: bytes)
        guard let (fields, _) = try? scanner.topLevelObject() else { return nil }
        var envelope = Envelope()
        if let range = fields["choices"] {
            let text = bytes[range].filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            envelope.choices = text.elementsEqual("[]".utf8) ? [] : [Envelope.Ignored()]
        }
        guard let range = fields["usage"], let usage = object(Array(bytes[range])) else { return envelope }
        func int(_ object: (fields: [String: Range<Int>], bytes: [UInt8]), _ key: String) -> Int? {
            object.fields[key].flatMap { Int(String(decoding: object.bytes[$0], as: UTF8.self)) }
        }
        let prompt = usage.fields["prompt_tokens_details"].flatMap { object(Array(usage.bytes[$0])) }
        let completion = usage.fields["completion_tokens_details"].flatMap { object(Array(usage.bytes[$0])) }
        envelope.usage = Usage(
            promptTokens: int(usage, "prompt_tokens"), completionTokens: int(usage, "completion_tokens"),
            promptTokensDetails: prompt.map { Usage.PromptDetails(cachedTokens: int($0, "cached_tokens")) },
            completionTokensDetails: completion.map { Usage.CompletionDetails(reasoningTokens: int($0, "reasoning_tokens")) },
            cacheCreationInputTokens: int(usage, "cache_creation_input_tokens")
        )
        return envelope
    }

    /// The fields of a JSON object (nil for anything else, `null` included).
    private static func object(_ bytes: [UInt8]) -> (fields: [String: Range<Int>], bytes: [UInt8])? {
        var scanner = JSONScanner(bytes: bytes)
        return (try? scanner.topLevelObject()).map { (fields: $0.0, bytes: bytes) }
    }

    /// The upstream's error as the gateway's, keeping its status; secrets are scrubbed from the text.
    static func error(status: Int, body: ByteBuffer, provider: String, secrets: [String]) -> GatewayError {
        let parsed = try? decoder.decode(ErrorBody.self, fromUntrusted: body.readableBytesView)
        var message = parsed?.error?.message ?? "The provider '\(provider)' answered with status \(status)."
        for secret in secrets where !secret.isEmpty { message = message.replacingOccurrences(of: secret, with: "***") }
        let type = parsed?.error?.type ?? (status >= 500 ? "api_error" : "invalid_request_error")
        return .relayed(status: status, type: type, code: parsed?.error?.code, message: message, param: parsed?.error?.param)
    }
}
