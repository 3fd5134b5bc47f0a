/// One effective policy, compiled: the detector that knows its deny-list and the custom entities,
/// and the screens of both directions. Made once per distinct policy (``GuardrailBook`` keeps
/// them), shared by every request it applies to; `brokle guardrails test` makes one to show what
/// a policy does.
package struct GuardrailProfile: Sendable {
    package let policy: GuardrailPolicy
    package let input: GuardrailScreen
    package let output: GuardrailScreen

    package init(_ policy: GuardrailPolicy, custom: [(entity: GuardrailEntity, matcher: any GuardrailMatcher)]) {
        self.policy = policy
        var matchers = custom
        if !policy.deny.isEmpty { matchers.append((.deny, PhraseList(policy.deny))) }
        let detector = GuardrailDetector(custom: matchers)
        // `explicit`: a deny-list the input rules say nothing about blocks.
        self.input = GuardrailScreen(detector: detector, rules: policy.explicit.input, direction: .input)
        self.output = GuardrailScreen(detector: detector, rules: policy.output, direction: .output)
    }
}

extension GuardrailProfile {
    /// brokle.yaml's custom entities as matchers; a pattern that does not compile is left out
    /// (the settings refused it when they were read).
    package static func matchers(_ entities: [(name: String, pattern: String)]) -> [(
        entity: GuardrailEntity, matcher: any GuardrailMatcher
    )] {
        entities.compactMap { entity in
            (try? LinearPattern(entity.pattern)).map { (GuardrailEntity(entity.name), $0 as any GuardrailMatcher) }
        }
    }
}
