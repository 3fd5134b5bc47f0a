extension GatewayError {
    /// A request a guardrail refused: the entity named, never its value.
    package static func contentPolicyViolation(_ entity: GuardrailEntity) -> GatewayError {
        invalidRequest(
            "The request was blocked by a guardrail: it contains \(entity.phrase) (entity '\(entity.name)').",
            code: "content_policy_violation")
    }
}
