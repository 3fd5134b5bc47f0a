/// What the guardrails do with one request: the rules for its input and its output, whether masked
/// values are put back into the answer, and a deny-list.
///
/// JSON (and YAML, and what `brokle guardrails` prints):
/// `{"input": {"email": "mask", "default": "log"}, "output": {"default": "mask"}, "restore": true,
/// "deny": ["project zeus"]}`; every key optional.
///
/// Deny-list phrases are found as the entity `deny`, whose action comes from the rules like any
/// entity's (`deny: [...]` with `input: {deny: log}` only logs them). When the input rules do not
/// name `deny`, a non-empty deny-list blocks on input (the input `default` does not apply to it:
/// a deny-list is there to refuse).
package struct GuardrailPolicy: Sendable, Equatable, Hashable {
    package var input: GuardrailRules
    /// Never `block` (refused when parsing): an answer already produced cannot be refused.
    package var output: GuardrailRules
    /// Whether values masked in the input are put back in the answer (`[EMAIL_1]` → the address).
    package var restore: Bool
    /// Deny-list phrases, found as the entity `deny`.
    package var deny: [String]

    package init(
        input: GuardrailRules = GuardrailRules(), output: GuardrailRules = GuardrailRules(), restore: Bool = false, deny: [String] = []
    ) {
        self.input = input
        self.output = output
        self.restore = restore
        self.deny = deny
    }

    /// The rules of `direction`.
    package func rules(_ direction: GuardrailDirection) -> GuardrailRules {
        switch direction {
        case .input: input
        case .output: output
        }
    }

    /// The action on `entity` in `direction`, the deny-list's implicit `block` on input included.
    package func action(for entity: GuardrailEntity, _ direction: GuardrailDirection) -> GuardrailAction {
        explicit.rules(direction).action(for: entity)
    }

    /// Every action off and no deny-list: the guardrails have nothing to do.
    package var isOff: Bool { input.isOff && output.isOff && deny.isEmpty }

    /// The entities the rules name (not `default`), in both directions.
    package var namedEntities: Set<GuardrailEntity> { Set(input.actions.keys).union(output.actions.keys) }

    /// The same policy with the deny-list's implicit input `block` written out.
    package var explicit: GuardrailPolicy {
        guard !deny.isEmpty, input.actions[.deny] == nil else { return self }
        var policy = self
        policy.input.actions[.deny] = .block
        return policy
    }

    /// Several policies apply to one request (the model's, the organization's, the project's, the
    /// environment's and the key's): per entity and direction the strictest action wins (and the
    /// strictest default), the deny-lists are united (in order, without repeats), and `restore` is
    /// on if any policy turns it on. The deny-list's implicit input `block` is written out first,
    /// so a policy with a deny-list still blocks its phrases when another one only logs `deny`.
    package func merged(with other: GuardrailPolicy) -> GuardrailPolicy {
        let (mine, theirs) = (explicit, other.explicit)
        var deny = mine.deny
        for phrase in theirs.deny where !deny.contains(phrase) { deny.append(phrase) }
        return GuardrailPolicy(
            input: mine.input.merged(with: theirs.input), output: mine.output.merged(with: theirs.output),
            restore: mine.restore || theirs.restore, deny: deny)
    }

    /// `policies` merged (``merged(with:)``); nil when there are none.
    package static func merging(_ policies: [GuardrailPolicy]) -> GuardrailPolicy? {
        guard var merged = policies.first else { return nil }
        for policy in policies.dropFirst() { merged = merged.merged(with: policy) }
        return merged
    }
}
