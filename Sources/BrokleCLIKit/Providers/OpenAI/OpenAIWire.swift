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

        var neutral: TokenUsage {
            TokenUsage(
                input: promptTokens ?? 0, output: completionTokens ?? 0,
                cachedInput: promptTokensDetails?.cachedTokens ?? 0, reasoning: completionTokensDetails?.reasoningTokens ?? 0
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
                code = (try? container.decode(String.self, forKey: .code)) ?? (try? container.decode(Int.self, forKey: .code)).map(String.init)
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

    static func envelope(_ bytes: some Collection<UInt8>) -> Envelope? {
        try? decoder.decode(Envelope.self, from: Data(bytes))
    }

    /// The upstream's error as the gateway's, keeping its status; secrets are scrubbed from the text.
    static func error(status: Int, body: ByteBuffer, provider: String, secrets: [String]) -> GatewayError {
        let parsed = try? decoder.decode(ErrorBody.self, from: Data(buffer: body))
        var message = parsed?.error?.message ?? "The provider '\(provider)' answered with status \(status)."
        for secret in secrets where !secret.isEmpty { message = message.replacingOccurrences(of: secret, with: "***") }
        let type = parsed?.error?.type ?? (status >= 500 ? "api_error" : "invalid_request_error")
        return GatewayError(status: status, type: type, code: parsed?.error?.code, message: message, param: parsed?.error?.param)
    }
}
