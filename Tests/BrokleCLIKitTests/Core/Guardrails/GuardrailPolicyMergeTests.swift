@testable import BrokleCore
import Testing

@Suite struct GuardrailPolicyMergeTests {
    @Test func theStrictestActionWinsPerEntityAndDirection() {
        let model = GuardrailPolicy(input: GuardrailRules([.email: .mask], fallback: .log), output: GuardrailRules([.card: .mask]))
        let org = GuardrailPolicy(input: GuardrailRules([.email: .log, .secret: .block]), output: GuardrailRules(fallback: .log))
        let merged = model.merged(with: org)
        #expect(merged.input.action(for: .email) == .mask)
        #expect(merged.input.action(for: .secret) == .block)
        #expect(merged.input.action(for: .phone) == .log)
        #expect(merged.output.action(for: .card) == .mask && merged.output.action(for: .email) == .log)
        #expect(merged == org.merged(with: model))
    }

    @Test func aDefaultStricterThanAnEntryWins() {
        let strict = GuardrailPolicy(input: GuardrailRules(fallback: .block))
        let lenient = GuardrailPolicy(input: GuardrailRules([.email: .log]))
        let merged = strict.merged(with: lenient)
        #expect(merged.input.action(for: .email) == .block && merged.input.action(for: .ip) == .block)
    }

    @Test func mergingAgreesWithEveryPolicyForEveryEntity() {
        let policies = [
            GuardrailPolicy(input: GuardrailRules([.email: .mask, .ip: .off], fallback: .log)),
            GuardrailPolicy(input: GuardrailRules([.ip: .log, .card: .block]), output: GuardrailRules([.email: .mask], fallback: .off)),
            GuardrailPolicy(output: GuardrailRules(fallback: .log), restore: true),
        ]
        let merged = GuardrailPolicy.merging(policies)!
        for entity in GuardrailEntity.builtIn + [GuardrailEntity("employee_id")] {
            for direction in GuardrailDirection.allCases {
                #expect(merged.action(for: entity, direction) == policies.map { $0.action(for: entity, direction) }.max())
            }
        }
        #expect(merged.restore)
    }

    @Test func denyListsAreUnitedAndBlockUnlessTheRulesSayOtherwise() {
        let model = GuardrailPolicy(deny: ["project zeus", "atlas"])
        #expect(model.action(for: .deny, .input) == .block)
        #expect(model.action(for: .deny, .output) == .off)
        let logOnly = GuardrailPolicy(input: GuardrailRules([.deny: .log]), deny: ["atlas", "hermes"])
        #expect(logOnly.action(for: .deny, .input) == .log)
        let merged = model.merged(with: logOnly)
        #expect(merged.deny == ["project zeus", "atlas", "hermes"])
        #expect(merged.action(for: .deny, .input) == .block)
        // An input default does not stand for a deny-list's block.
        #expect(GuardrailPolicy(input: GuardrailRules(fallback: .log), deny: ["x"]).action(for: .deny, .input) == .block)
    }

    @Test func restoreIsOnIfAnyPolicySaysSo() {
        #expect(GuardrailPolicy(restore: true).merged(with: GuardrailPolicy()).restore)
        #expect(!GuardrailPolicy().merged(with: GuardrailPolicy()).restore)
    }

    @Test func mergingNoneIsNilAndOneIsItself() {
        #expect(GuardrailPolicy.merging([]) == nil)
        let one = GuardrailPolicy(input: GuardrailRules([.email: .mask]))
        #expect(GuardrailPolicy.merging([one]) == one)
    }

    @Test func aChangeOverridesWhatItGivesAndKeepsTheRest() {
        let stored = GuardrailPolicy(
            input: GuardrailRules([.email: .mask, .card: .block], fallback: .log), output: GuardrailRules([.email: .mask]), restore: true,
            deny: ["zeus"])
        let change = GuardrailPolicyChange(input: GuardrailRules([.email: .log], fallback: .off), deny: ["atlas"])
        let changed = change.applied(to: stored)
        #expect(changed.input == GuardrailRules([.email: .log, .card: .block], fallback: .off))
        #expect(changed.output == stored.output && changed.restore && changed.deny == ["atlas"])
        #expect(GuardrailPolicyChange(restore: false).applied(to: stored).restore == false)
        #expect(change.applied(to: nil) == GuardrailPolicy(input: GuardrailRules([.email: .log], fallback: .off), deny: ["atlas"]))
        #expect(GuardrailPolicyChange().isEmpty && !change.isEmpty)
        #expect(GuardrailPolicyChange(GuardrailPolicy()).applied(to: stored).restore == false)
    }

    @Test func aChangeParsedFromJSONGivesOnlyWhatItNames() throws {
        let change = try GuardrailPolicyChange(json: #"{"input": {"ssn": "block"}}"#)
        #expect(change.restore == nil && change.deny == nil && change.output.isEmpty)
        #expect(change.input == GuardrailRules([.ssn: .block]))
    }
}
