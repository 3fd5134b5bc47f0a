import BrokleCore
import BrokleProviders
import Foundation
import NIOCore

/// An answer as the response cache keeps it (the `answer` blob of `cache_entries`, as JSON): the
/// whole JSON answer in the wire format it came in and, when it came as a stream, that stream's own
/// events, so a streaming client gets it back at the original granularity. Either shape replays as
/// the other (``AnswerReplay``).
struct CachedAnswer: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        case openAIChat, openAICompletion, anthropicMessages, embeddings

        /// The kind of an answer to `endpoint` in `format`; nil when such answers are not kept: a
        /// Responses API answer in its own format (from a provider that speaks it) carries its own
        /// id and may be stored upstream for `previous_response_id`, so a replay would not be the
        /// same answer — it is served, not stored.
        init?(endpoint: Endpoint, format: WireFormat) {
            switch (endpoint, format) {
            case (.embeddings, _): self = .embeddings
            case (.completions, _): self = .openAICompletion
            case (.chatCompletions, .openAIChat), (.responses, .openAIChat): self = .openAIChat
            case (.chatCompletions, .anthropicMessages): self = .anthropicMessages
            case (_, .openAIResponses), (.responses, .anthropicMessages): return nil
            }
        }

        /// The replay conversions for this kind (embeddings never stream).
        var replay: AnswerReplay.Kind? {
            switch self {
            case .openAIChat: .openAIChat
            case .openAICompletion: .openAICompletion
            case .anthropicMessages: .anthropicMessages
            case .embeddings: nil
            }
        }

        /// The wire format of the stored answer, for the client dialect's translation.
        var format: WireFormat { replay?.wireFormat ?? .openAIChat }

        var reader: any ReplyReader { self == .anthropicMessages ? AnthropicReplyReader() : OpenAIReplyReader() }
    }

    var kind: Kind
    var body: String
    var events: [ReplayEvent]?

    /// What to keep of a whole 2xx answer; nil when it must not be kept (several choices, tool
    /// calls, cut short, an error shape).
    static func whole(_ body: [UInt8], kind: Kind) -> CachedAnswer? {
        if let replay = kind.replay {
            guard AnswerReplay.storable(replay, whole: body) else { return nil }
        } else {
            guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: body),
                case .array(let data)? = fields["data"], !data.isEmpty
            else { return nil }
        }
        return CachedAnswer(kind: kind, body: String(decoding: body, as: UTF8.self), events: nil)
    }

    /// What to keep of a stream that ended normally; nil when it must not be kept.
    static func stream(_ events: [ReplayEvent], kind: Kind) -> CachedAnswer? {
        guard let replay = kind.replay, let body = AnswerReplay.assemble(replay, events: events) else { return nil }
        return CachedAnswer(kind: kind, body: String(decoding: body, as: UTF8.self), events: events)
    }

    /// The SSE bytes a streaming client is served from: the stored events, or events made from the
    /// whole answer (one content chunk). Nil when this answer cannot stream.
    func streamBytes() -> [UInt8]? {
        guard let replay = kind.replay else { return nil }
        guard let events = events ?? AnswerReplay.events(replay, fromWhole: Array(body.utf8), chunkSize: nil) else { return nil }
        return AnswerReplay.sseBytes(replay, events: events)
    }

    func encoded() -> [UInt8] {
        (try? Array(JSONEncoder().encode(self))) ?? []
    }

    static func decoded(_ bytes: [UInt8]) -> CachedAnswer? {
        try? JSONDecoder().decode(CachedAnswer.self, fromUntrusted: bytes)
    }
}
