/// A change to a stored policy, as `brokle guardrails set` gives it: the entries of the rules it
/// names, and `restore` and `deny` only when given. Decodes from the policy's JSON shape, every key
/// optional.
package struct GuardrailPolicyChange: Sendable, Equatable {
    /// Entries written over the stored input rules (entities named, and the default when given).
    package var input: GuardrailRules
    package var output: GuardrailRules
    /// Replaces the stored value when given.
    package var restore: Bool?
    /// Replaces the stored deny-list when given.
    package var deny: [String]?

    package init(
        input: GuardrailRules = GuardrailRules(), output: GuardrailRules = GuardrailRules(), restore: Bool? = nil, deny: [String]? = nil
    ) {
        self.input = input
        self.output = output
        self.restore = restore
        self.deny = deny
    }

    /// A change that gives every part of `policy`.
    package init(_ policy: GuardrailPolicy) {
        self.init(input: policy.input, output: policy.output, restore: policy.restore, deny: policy.deny)
    }

    /// Nothing to change.
    package var isEmpty: Bool { input.isEmpty && output.isEmpty && restore == nil && deny == nil }

    /// `policy` (nil: an empty one) with this change applied: the entities given override, the
    /// others are kept; `restore` and `deny` replace the stored ones when given.
    package func applied(to policy: GuardrailPolicy?) -> GuardrailPolicy {
        var policy = policy ?? GuardrailPolicy()
        policy.input = policy.input.overridden(by: input)
        policy.output = policy.output.overridden(by: output)
        if let restore { policy.restore = restore }
        if let deny { policy.deny = deny }
        return policy
    }

    /// Refuses what no policy may hold: `block` on output, an empty deny-list phrase.
    package func check() throws(GuardrailPolicyError) {
        do {
            try output.check(.output)
        } catch {
            throw GuardrailPolicyError("output: \(error.message)")
        }
        try Self.check(deny: deny ?? [])
    }

    /// A deny-list phrase must have something to find.
    package static func check(deny phrases: [String]) throws(GuardrailPolicyError) {
        if phrases.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw GuardrailPolicyError("deny: an empty phrase would match nothing (give words to refuse)")
        }
    }
}
