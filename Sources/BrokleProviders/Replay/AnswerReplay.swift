/// Replays a stored answer in the shape the client asked for: a whole answer as the stream its
/// upstream would have sent, a stream as the whole answer, in the wire format it was stored in.
/// Pure functions: the response cache decides what to keep, and replays a stream by feeding
/// ``ReplayEvent/sseBytes(_:done:)`` to the relay with the format's ``ReplyReader``.
package enum AnswerReplay {
    /// The wire format of a stored answer.
    package enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// `/v1/chat/completions`: `chat.completion`, streamed as `chat.completion.chunk`s.
        case openAIChat
        /// `/v1/completions`: `text_completion`, streamed as `text_completion` chunks.
        case openAICompletion
        /// `/v1/messages`: an Anthropic `message`, streamed as named events.
        case anthropicMessages

        /// The format its answers are read in (legacy completions read as OpenAI's chat format does).
        package var wireFormat: WireFormat {
            switch self {
            case .openAIChat, .openAICompletion: .openAIChat
            case .anthropicMessages: .anthropicMessages
            }
        }

        /// Whether its streams end with `data: [DONE]` (OpenAI's; Anthropic ends with `message_stop`).
        package var endsWithDone: Bool {
            self != .anthropicMessages
        }
    }

    /// Whether the cache may keep this whole answer: one choice or message, finished normally, text
    /// only, readable and within ``JSONNesting/maxDepth``.
    package static func storable(_ kind: Kind, whole body: [UInt8]) -> Bool {
        switch kind {
        case .openAIChat: OpenAIChatReplay.storable(whole: body)
        case .openAICompletion: CompletionReplay.storable(whole: body)
        case .anthropicMessages: AnthropicReplay.storable(whole: body)
        }
    }

    /// A complete stream's events (in order, without `[DONE]`) as the whole answer the upstream
    /// would have given without streaming; nil when the stream is not storable by the same rules.
    package static func assemble(_ kind: Kind, events: [ReplayEvent]) -> [UInt8]? {
        switch kind {
        case .openAIChat: OpenAIChatReplay.assemble(events: events)
        case .openAICompletion: CompletionReplay.assemble(events: events)
        case .anthropicMessages: AnthropicReplay.assemble(events: events)
        }
    }

    /// A whole answer as the stream events its upstream sends (without `[DONE]`), the text in one
    /// delta or in pieces of about `chunkSize` characters; nil when the answer is not storable.
    package static func events(_ kind: Kind, fromWhole body: [UInt8], chunkSize: Int? = nil) -> [ReplayEvent]? {
        switch kind {
        case .openAIChat: OpenAIChatReplay.events(fromWhole: body, chunkSize: chunkSize)
        case .openAICompletion: CompletionReplay.events(fromWhole: body, chunkSize: chunkSize)
        case .anthropicMessages: AnthropicReplay.events(fromWhole: body, chunkSize: chunkSize)
        }
    }

    /// The SSE bytes of a stored or synthesized stream, `[DONE]` appended where the format needs it.
    package static func sseBytes(_ kind: Kind, events: [ReplayEvent]) -> [UInt8] {
        ReplayEvent.sseBytes(events, done: kind.endsWithDone)
    }
}
