import BrokleCore
import Foundation
import NIOCore

/// The bits of OpenAI responses the gateway reads: usage (from a body or a stream chunk) and the
/// error object of a failed call.
package enum OpenAIWire {
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
    /// handler in a profile. Keys are compared as written, and only the fields read are looked at.
    static func envelope(_ bytes: some Collection<UInt8>) -> Envelope? {
        let bytes = Array(bytes)
        var scanner = JSONScanner(bytes: bytes)
        var choices: Range<Int>?
        var usageRange: Range<Int>?
        do {
            _ = try scanner.visitTopLevelObject { key, value in
                if JSONScanner.key(key, is: "choices") {
                    choices = value
                } else if JSONScanner.key(key, is: "usage") {
                    usageRange = value
                }
            }
        } catch {
            return nil
        }
        var envelope = Envelope()
        if let choices {
            let text = bytes[choices].lazy.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            envelope.choices = text.elementsEqual("[]".utf8) ? [] : [Envelope.Ignored()]
        }
        guard let usageRange,
            let usage = Fields(
                Array(bytes[usageRange]),
                ["prompt_tokens", "completion_tokens", "cache_creation_input_tokens", "prompt_tokens_details", "completion_tokens_details"])
        else {
            return envelope
        }
        let prompt = usage.object(3, ["cached_tokens"])
        let completion = usage.object(4, ["reasoning_tokens"])
        envelope.usage = Usage(
            promptTokens: usage.int(0), completionTokens: usage.int(1),
            promptTokensDetails: prompt.map { Usage.PromptDetails(cachedTokens: $0.int(0)) },
            completionTokensDetails: completion.map { Usage.CompletionDetails(reasoningTokens: $0.int(0)) },
            cacheCreationInputTokens: usage.int(2)
        )
        return envelope
    }

    /// Chosen fields of a JSON object, by their position in the names asked for.
    private struct Fields {
        let bytes: [UInt8]
        var ranges: [Range<Int>?]

        /// Nil for anything but an object (`null` included).
        init?(_ bytes: [UInt8], _ names: [StaticString]) {
            self.bytes = bytes
            var ranges = [Range<Int>?](repeating: nil, count: names.count)
            var scanner = JSONScanner(bytes: bytes)
            do {
                _ = try scanner.visitTopLevelObject { key, value in
                    if let position = names.firstIndex(where: { JSONScanner.key(key, is: $0) }) { ranges[position] = value }
                }
            } catch {
                return nil
            }
            self.ranges = ranges
        }

        /// The field at `position` as an integer (nil when absent or not an integer).
        func int(_ position: Int) -> Int? {
            guard let range = ranges[position], !range.isEmpty, range.count <= 18 else { return nil }
            var value = 0
            var negative = false
            for (offset, byte) in bytes[range].enumerated() {
                if offset == 0 && byte == UInt8(ascii: "-") && range.count > 1 {
                    negative = true
                    continue
                }
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return negative ? -value : value
        }

        /// The field at `position` as an object.
        func object(_ position: Int, _ names: [StaticString]) -> Fields? {
            ranges[position].flatMap { Fields(Array(bytes[$0]), names) }
        }
    }

    /// The upstream's error as the gateway's, keeping its status; secrets are scrubbed from the text.
    package static func error(status: Int, body: ByteBuffer, provider: String, secrets: [String]) -> GatewayError {
        let parsed = try? decoder.decode(ErrorBody.self, fromUntrusted: body.readableBytesView)
        var message = parsed?.error?.message ?? "The provider '\(provider)' answered with status \(status)."
        for secret in secrets where !secret.isEmpty { message = message.replacingOccurrences(of: secret, with: "***") }
        let type = parsed?.error?.type ?? (status >= 500 ? "api_error" : "invalid_request_error")
        return .relayed(status: status, type: type, code: parsed?.error?.code, message: message, param: parsed?.error?.param)
    }
}
