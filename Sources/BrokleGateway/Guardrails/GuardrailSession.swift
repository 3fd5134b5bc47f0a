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
    /// (a schema's `pattern` is not personal data), the end-user id the client chose to send —
    /// by name where the wire format puts them; inside a tool call's `input` every key is the
    /// client's and every string is screened. A document's `data` is screened when it is text.
    static let requestFields = JSONStringRewriter.Fields(
        skipped: [
            "model", "role", "type", "id", "tool_call_id", "call_id", "previous_response_id", "name", "signature",
            "encrypted_content", "thinking", "redacted_thinking", "reasoning_content", "reasoning_signature", "image_url",
            "url", "file_id", "file_data", "media_type", "user", "metadata", "tools", "tool_choice", "response_format",
            "stream_options", "reasoning", "service_tier",
        ],
        freeForm: ["input"], textOnly: ["data"])

    /// The same for answers: what the model wrote is screened, what describes it is not.
    static let answerFields = JSONStringRewriter.Fields(skipped: answerSkipped, freeForm: ["input"])
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
        let outcome = JSONStringRewriter.rewriting(body, fields: Self.requestFields) { _, text in
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
        switch outcome {
        case .unchanged: return nil
        case .rewritten(let bytes): return bytes
        case .unreadable: throw .invalidRequest("The request body holds a string that cannot be read (an invalid escape).")
        }
    }

    /// One string of an answer: output rules, then the request's values put back (escaped when
    /// the string is JSON being written: `inJSON`).
    static func screenAnswerText(
        _ text: String, profile: GuardrailProfile, inJSON: Bool, masker: inout GuardrailMasker, tally: inout GuardrailTally
    ) -> String? {
        var result: String?
        if !profile.output.isOff {
            result = profile.output.apply(text, findings: profile.output.findings(in: text), masker: &masker, tally: &tally)
        }
        if profile.policy.restore, let restored = masker.restore(result ?? text, inJSON: inJSON) { result = restored }
        return result
    }

    /// Whether answers need looking at: output rules, or values of this request to put back.
    var screensAnswers: Bool { !profile.output.isOff || (profile.policy.restore && !masker.originals.isEmpty) }

    /// A whole answer (JSON, in whatever format the provider speaks) screened; nil: unchanged.
    mutating func screenAnswer(_ body: ByteBuffer) -> ByteBuffer? {
        guard screensAnswers else { return nil }
        let profile = self.profile
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        swap(&masker, &self.masker)
        swap(&tally, &self.tally)
        defer {
            swap(&masker, &self.masker)
            swap(&tally, &self.tally)
        }
        let outcome = JSONStringRewriter.rewriting(Array(buffer: body), fields: Self.answerFields) { path, text in
            Self.screenAnswerText(text, profile: profile, inJSON: path.last == .key("arguments"), masker: &masker, tally: &tally)
        }
        guard case .rewritten(let bytes) = outcome else { return nil }
        return ByteBuffer(bytes: bytes)
    }

    /// The screen a stream of `format` events goes through; nil when answers need none. It counts
    /// its own (the request's counts are the outcome's already).
    func streamScreen(format: WireFormat) -> GuardrailStreamScreen? {
        guard screensAnswers else { return nil }
        return GuardrailStreamScreen(format: format, session: self)
    }

    /// The `x-brokle-guardrails` header, when guardrails did something.
    var header: String? { tally.isEmpty ? nil : tally.headerText }
}
