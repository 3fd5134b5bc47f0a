import BrokleCore
import ArgumentParser

/// `--input ENTITY=ACTION… --output ENTITY=ACTION… --restore|--no-restore --deny PHRASE…|--no-deny`,
/// or `--policy JSON`: the change `brokle guardrails set` makes.
struct GuardrailPolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "A rule for what the client sends: ENTITY=ACTION (ENTITY: email, phone, card, iban, ssn, ip, secret, deny, a custom entity, or default for the others; ACTION: off, log, mask or block). Repeatable.",
            valueName: "entity=action"))
    var input: [String] = []

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "A rule for what the model answers: ENTITY=ACTION (ACTION: off, log or mask). Repeatable.", valueName: "entity=action"))
    var output: [String] = []

    @Flag(inversion: .prefixedNo, help: "Put values masked in the input back into the answer.")
    var restore: Bool?

    @Option(
        name: .customLong("deny"),
        help: ArgumentHelp(
            "A phrase to find as the entity deny (blocked on input unless --input deny=… says otherwise). Repeatable; replaces the deny-list.",
            valueName: "phrase"))
    var deny: [String] = []

    @Flag(name: .customLong("no-deny"), help: "Empty the deny-list.")
    var noDeny = false

    @Flag(help: "Replace the whole policy with what is given, instead of changing only that.")
    var replace = false

    @Option(
        help: ArgumentHelp(
            #"The whole policy as JSON, replacing the stored one: {"input": {"email": "mask", "default": "log"}, "output": {...}, "restore": true, "deny": [...]}."#,
            valueName: "json"))
    var policy: String?

    func validate() throws {
        do {
            _ = try change()
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Whether the policy is replaced rather than changed.
    var replaces: Bool { replace || policy != nil }

    /// The change the flags give; a usage error for a bad rule, an empty one, or flags that do not go together.
    func change() throws(BrokleError) -> GuardrailPolicyChange {
        let flagged = !input.isEmpty || !output.isEmpty || restore != nil || !deny.isEmpty || noDeny
        if let policy {
            guard !flagged else {
                throw BrokleError(.usage, "--policy gives the whole policy: do not combine it with --input, --output, --restore or --deny")
            }
            do {
                return try GuardrailPolicyChange(GuardrailPolicy(json: policy))
            } catch {
                throw BrokleError(.usage, "--policy: \(error.message)")
            }
        }
        guard flagged else {
            throw BrokleError(.usage, "nothing to set: pass --input, --output, --restore/--no-restore, --deny/--no-deny or --policy")
        }
        if noDeny && !deny.isEmpty { throw BrokleError(.usage, "--no-deny empties the deny-list: do not combine it with --deny") }
        var change = GuardrailPolicyChange(restore: restore, deny: noDeny ? [] : (deny.isEmpty ? nil : deny))
        try Self.parse(input, flag: "--input", direction: .input, into: &change.input)
        try Self.parse(output, flag: "--output", direction: .output, into: &change.output)
        do {
            try GuardrailPolicyChange.check(deny: deny)
        } catch {
            throw BrokleError(.usage, "--deny: \(error.message)")
        }
        return change
    }

    static func parse(_ rules: [String], flag: String, direction: GuardrailDirection, into result: inout GuardrailRules) throws(BrokleError)
    {
        for rule in rules {
            guard let equals = rule.firstIndex(of: "=") else {
                throw BrokleError(.usage, "\(flag) \(rule): use ENTITY=ACTION (email=mask, default=log)")
            }
            do {
                try result.set(String(rule[..<equals]), String(rule[rule.index(after: equals)...]), direction: direction)
            } catch {
                throw BrokleError(.usage, "\(flag) \(rule): \(error.message)")
            }
        }
    }
}
