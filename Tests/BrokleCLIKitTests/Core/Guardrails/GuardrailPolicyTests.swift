@testable import BrokleCore
import Foundation
import Testing

@Suite struct GuardrailPolicyTests {
    func parse(_ json: String) throws(GuardrailPolicyError) -> GuardrailPolicy { try GuardrailPolicy(json: json) }

    func message(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func theDocumentedShapeParses() throws {
        let policy = try parse(
            #"{"input": {"email": "mask", "card": "block", "default": "log"}, "output": {"default": "mask"}, "restore": true, "deny": ["project zeus"]}"#
        )
        #expect(policy.input == GuardrailRules([.email: .mask, .card: .block], fallback: .log))
        #expect(policy.output == GuardrailRules(fallback: .mask))
        #expect(policy.restore && policy.deny == ["project zeus"])
        #expect(policy.input.action(for: .email) == .mask && policy.input.action(for: .ip) == .log)
        #expect(policy.output.action(for: .card) == .mask)
    }

    @Test func everyKeyIsOptional() throws {
        let empty = try parse("{}")
        #expect(empty == GuardrailPolicy())
        #expect(empty.isOff && empty.input.action(for: .email) == .off && !empty.restore && empty.deny.isEmpty)
        #expect(try parse(#"{"output": {"employee_id": "log"}}"#).output.actions == [GuardrailEntity("employee_id"): .log])
    }

    @Test func encodingRoundTripsWithEveryKey() throws {
        let policy = GuardrailPolicy(
            input: GuardrailRules([.secret: .block], fallback: .log), output: GuardrailRules([.email: .mask]), restore: true, deny: ["zeus"]
        )
        #expect(policy.json == #"{"deny":["zeus"],"input":{"default":"log","secret":"block"},"output":{"email":"mask"},"restore":true}"#)
        #expect(try parse(policy.json) == policy)
        #expect(GuardrailPolicy().json == #"{"deny":[],"input":{},"output":{},"restore":false}"#)
    }

    @Test(arguments: [
        (#"{"inptu": {}}"#, "inptu: unknown key (use input, output, restore, deny)"),
        (#"{"deny": [""]}"#, "deny: an empty phrase"),
        (#"{"input": {"email": "redact"}}"#, "input.email: unknown action 'redact' (use off, log, mask, block)"),
        (#"{"input": {"Email": "mask"}}"#, "input.Email: invalid entity name 'Email'"),
        (#"{"input": {"a_very_long_entity_name_over_32_bytes": "mask"}}"#, "invalid entity name"),
        (
            #"{"output": {"card": "block"}}"#,
            "output: card: block is not possible on output: an answer already produced cannot be refused, it can be masked (use off, log, mask)"
        ),
        (#"{"output": {"default": "block"}}"#, "output: default: block is not possible on output"),
        (#"{"restore": "yes"}"#, "restore: "),
        (#"{"deny": ["zeus", "  "]}"#, "deny: an empty phrase"),
        (#"{"deny": "zeus"}"#, "deny: "),
        (#"{"input": "#, "not valid JSON"),
        (#"["input"]"#, "Expected to decode"),
    ])
    func badPoliciesSayWhatIsWrong(json: String, expected: String) {
        let text = message(json)
        #expect(text?.contains(expected) == true, "\(json): \(text ?? "parsed")")
    }

    @Test func actionsAreOrderedByStrictness() {
        #expect(GuardrailAction.allCases.sorted() == [.off, .log, .mask, .block])
        #expect(max(GuardrailAction.mask, .log) == .mask && GuardrailAction.block > .mask)
    }

    @Test func entityNames() {
        for name in ["email", "employee_id", "x", "a1_b2", String(repeating: "z", count: 32)] {
            #expect(GuardrailEntity.isValidName(name), "\(name)")
        }
        for name in ["", "default", "Email", "e-mail", "e mail", "émail", String(repeating: "z", count: 33)] {
            #expect(!GuardrailEntity.isValidName(name), "\(name)")
        }
    }

    @Test func settingEntriesFromText() throws {
        var rules = GuardrailRules()
        try rules.set("email", "mask", direction: .input)
        try rules.set("default", "block", direction: .input)
        #expect(rules == GuardrailRules([.email: .mask], fallback: .block))
        #expect(throws: GuardrailPolicyError.self) { try rules.set("card", "block", direction: .output) }
        #expect(throws: GuardrailPolicyError.self) { try rules.set("card", "nope", direction: .input) }
        #expect(throws: GuardrailPolicyError.self) { try rules.set("Card", "log", direction: .input) }
    }

    @Test func isOffOnlyWhenNothingIsLookedFor() {
        #expect(GuardrailRules([.email: .off], fallback: .off).isOff)
        #expect(!GuardrailRules([.email: .log]).isOff && !GuardrailRules(fallback: .log).isOff)
        #expect(!GuardrailPolicy(deny: ["zeus"]).isOff)
    }
}
