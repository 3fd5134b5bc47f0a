import BrokleCore
import BrokleProviders
import NIOCore

/// Guardrails for one request: its profile, the placeholders given to its values, and what was
/// done. The request body is screened once, before the cache looks it up (so the cache key is the
/// masked request); answers — upstream's or the cache's, whole or streamed — on their way back.
struct GuardrailSession: Sendable {
    let profile: GuardrailProfile
    var masker = GuardrailMasker()
    var tally = GuardrailTally()

    init(profile: GuardrailProfile) {
        self.profile = profile
    }

    /// Fields whose strings are not text a person wrote: ids, roles, types, model names, media,
    /// signatures and signed reasoning (changing a byte breaks the signature), tool definitions
    /// (a schema's `pattern` is not personal data), the end-user id the client chose to send.
    static let requestSkipped: Set<String> = [
        "model", "role", "type", "id", "tool_call_id", "call_id", "previous_response_id", "name", "signature",
        "encrypted_content", "thinking", "redacted_thinking", "reasoning_content", "reasoning_signature", "data", "image_url",
        "url", "file_id", "file_data", "media_type", "user", "metadata", "tools", "tool_choice", "response_format",
        "stream_options", "reasoning", "service_tier",
    ]

    /// The same for answers: what the model wrote is screened, what describes it is not.
    static let answerSkipped: Set<String> = [
        "id", "object", "model", "role", "type", "finish_reason", "stop_reason", "system_fingerprint", "signature",
        "thinking", "encrypted_content", "reasoning_content", "reasoning_signature", "call_id", "item_id", "status",
        "service_tier", "usage", "logprobs", "embedding", "name", "previous_response_id", "tools", "tool_choice",
        "instructions", "metadata", "user", "text_format", "reasoning", "sequence_number",
    ]

    /// A request body with its values masked (nil: nothing to change); a value to block throws
    /// the client's 400, naming the entity, after it has been counted. A request can have two
    /// bodies (the OpenAI one and the client's own, for a provider that speaks its format): both
    /// are masked with the same placeholders, and only one is `counted`.
    mutating func screenRequest(_ body: [UInt8], counted: Bool) throws(GatewayError) -> [UInt8]? {
        guard !profile.input.isOff else { return nil }
        self.masker.reserveLiterals(in: body)
        var blocked: GuardrailEntity?
        var masker = self.masker
        var tally = counted ? self.tally : GuardrailTally()
        let screen = profile.input
        let rewritten = JSONStringRewriter.rewrite(body, skipping: Self.requestSkipped) { _, text in
            guard blocked == nil else { return nil }
            do throws(GuardrailScreen.Blocked) {
                return try screen.apply(text, masker: &masker, tally: &tally)
            } catch {
                blocked = error.entity
                return nil
            }
        }
        self.masker = masker
        if counted { self.tally = tally }
        if let blocked {
            var error = GatewayError.contentPolicyViolation(blocked)
            error.headers[GatewayResponses.guardrailsHeader.rawName] = self.tally.headerText
            throw error
        }
        return rewritten
    }

    /// One string of an answer: output rules, then the request's values put back.
    mutating func screenAnswerText(_ text: String) -> String? {
        var result: String?
        if !profile.output.isOff {
            result = try? profile.output.apply(text, masker: &masker, tally: &tally)
        }
        if profile.policy.restore, let restored = masker.restore(result ?? text) { result = restored }
        return result
    }

    /// A whole answer (JSON, in whatever format the provider speaks) screened; nil: unchanged.
    mutating func screenAnswer(_ body: ByteBuffer) -> ByteBuffer? {
        guard profile.screensAnswers else { return nil }
        var session = self
        let rewritten = JSONStringRewriter.rewrite(Array(buffer: body), skipping: Self.answerSkipped) { _, text in
            session.screenAnswerText(text)
        }
        self = session
        return rewritten.map { ByteBuffer(bytes: $0) }
    }

    /// The screen a stream of `format` events goes through; nil when answers need none.
    func streamScreen(format: WireFormat) -> GuardrailStreamScreen? {
        guard profile.screensAnswers else { return nil }
        var session = self
        session.tally = GuardrailTally()  // the request's counts are the outcome's already
        return GuardrailStreamScreen(format: format, session: session)
    }

    /// The `x-brokle-guardrails` header, when guardrails did something.
    var header: String? { tally.isEmpty ? nil : tally.headerText }
}
