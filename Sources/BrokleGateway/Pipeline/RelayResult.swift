import BrokleCore

/// How a relayed stream ended, handed back by ``StreamRelay`` to be recorded.
struct RelayResult: Sendable {
    var status: TraceRecord.Status = .ok
    var httpStatus: Int?
    var error: GatewayError?
    /// From the upstream's final usage chunk; when the stream was cut short without one, the
    /// output counts the content chunks relayed (about one token each).
    var usage = TokenUsage()
    var firstToken: ContinuousClock.Instant?
    /// How long the answering attempt ran, to the stream's end.
    var upstreamTime: Duration = .zero
    /// What output guardrails did to the stream's text.
    var guardrails = GuardrailTally()
    /// The stream as the client received it, assembled (only when content is kept), and the bytes
    /// of text past the cap that were not copied.
    var answer: (body: [UInt8], dropped: Int)?
}
