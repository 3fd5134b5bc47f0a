import BrokleCore
import Foundation

/// The parts of an OpenAI request the mock provider looks at. It decodes the whole body, which a
/// real provider adapter never does; the mock is for demos, tests and benchmarks.
struct MockRequest: Decodable {
    struct Message: Decodable {
        var role: String
        var content: Content?
    }

    /// `content` is a string or a list of parts (`{"type":"text","text":...}`).
    enum Content: Decodable {
        case text(String)
        case parts([Part])

        struct Part: Decodable { var type: String; var text: String? }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .parts(try container.decode([Part].self))
            }
        }

        var text: String {
            switch self {
            case .text(let text): text
            case .parts(let parts): parts.compactMap(\.text).joined(separator: " ")
            }
        }
    }

    /// `prompt` / `input`: a string, a list of strings, or token arrays.
    enum Texts: Decodable {
        case texts([String])
        case tokens(Int)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .texts([text])
            } else if let texts = try? container.decode([String].self) {
                self = .texts(texts)
            } else if let tokens = try? container.decode([Int].self) {
                self = .tokens(tokens.count)
            } else {
                self = .tokens(try container.decode([[Int]].self).reduce(0) { $0 + $1.count })
            }
        }

        var items: Int {
            switch self {
            case .texts(let texts): texts.count
            case .tokens: 1
            }
        }
    }

    var model: String?
    var messages: [Message]?
    var prompt: Texts?
    var input: Texts?
    var encodingFormat: String?
    var dimensions: Int?
    /// `tools` and `tool_choice` as any JSON, read by ``MockToolTurn``: a shape the mock cannot use
    /// means no tools, never a failed request.
    var tools: JSONValue?
    var toolChoice: JSONValue?

    enum CodingKeys: String, CodingKey {
        case model, messages, prompt, input, encodingFormat = "encoding_format", dimensions, tools, toolChoice = "tool_choice"
    }

    /// The text a chat or completion request is "about": the last user message, or the prompt.
    var lastUserText: String {
        if let messages { return messages.last(where: { $0.role == "user" })?.content?.text ?? messages.last?.content?.text ?? "" }
        if case .texts(let texts)? = prompt { return texts.joined(separator: " ") }
        return ""
    }

    /// The content of the last message when it is a tool result (`role: "tool"`).
    var trailingToolResult: String? {
        guard let last = messages?.last, last.role == "tool" else { return nil }
        return last.content?.text ?? ""
    }

    /// A deterministic token estimate: one token per word, plus framing per message.
    var promptTokens: Int {
        if let messages { return messages.reduce(0) { $0 + MockText.tokens(in: $1.content?.text ?? "") + 3 } + 3 }
        switch prompt ?? input {
        case .texts(let texts)?: return texts.reduce(0) { $0 + MockText.tokens(in: $1) }
        case .tokens(let count)?: return count
        case nil: return 0
        }
    }
}

/// Deterministic text for the mock: echo, or lorem ipsum chosen by a seed.
enum MockText {
    static let words = """
        lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore \
        magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat
        """.split(separator: " ").map(String.init)

    static func tokens(in text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }

    /// `count` words of lorem ipsum; the same seed and prompt always give the same words.
    static func lorem(count: Int, seed: UInt64, prompt: String) -> [String] {
        var random = SeededRandom(seed: seed ^ SeededRandom.seed(prompt))
        return (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }
    }

    /// The reply split into stream pieces: one per word, with the separating space in front.
    static func pieces(_ words: [String]) -> [String] {
        words.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
    }
}
