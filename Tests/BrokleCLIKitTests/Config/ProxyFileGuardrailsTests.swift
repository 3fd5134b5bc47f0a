@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// `models.<name>.guardrails` and the top-level `guardrails:` of brokle.yaml.
@Suite struct ProxyFileGuardrailsTests {
    func load(_ text: String) throws -> ProxyFile.Loaded {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-\(UUID().uuidString).yaml").path
        try ("providers:\n  a: { kind: mock }\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ProxyFile.loadAll(path: path, lookup: { _ in nil })
    }

    func message(_ text: String) -> String? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return (error as? BrokleError).map { "\($0.kind.rawValue): \($0.message)" } ?? "\(error)"
        }
    }

    @Test func aModelsPolicyAndTheDefaultAreRead() throws {
        let loaded = try load(
            """
            models:
              support-bot:
                provider: a
                guardrails:
                  input: { email: mask, employee_id: block, default: log }
                  output: { default: mask, card: off }
                  restore: true
                  deny: [project zeus, atlas]
              plain: { provider: a }
            guardrails:
              entities:
                employee_id: 'EMP-[0-9]{6}'
                badge: 'B[0-9]{4}'
              default: { input: { secret: block, default: log } }
            """)
        let bot = try #require(loaded.catalog.models.first { $0.name == "support-bot" })
        #expect(
            bot.guardrails
                == GuardrailPolicy(
                    input: GuardrailRules([.email: .mask, GuardrailEntity("employee_id"): .block], fallback: .log),
                    output: GuardrailRules([.card: .off], fallback: .mask), restore: true, deny: ["project zeus", "atlas"]))
        #expect(loaded.catalog.models.first { $0.name == "plain" }?.guardrails == nil)
        #expect(loaded.guardrails.customEntities.map(\.name) == ["badge", "employee_id"])
        #expect(loaded.guardrails.customEntities.map(\.pattern) == ["B[0-9]{4}", "EMP-[0-9]{6}"])
        #expect(loaded.guardrails.defaultPolicy == GuardrailPolicy(input: GuardrailRules([.secret: .block], fallback: .log)))
        let merged = try #require(loaded.guardrails.policy(for: bot))
        #expect(merged.input.action(for: .secret) == .block && merged.input.action(for: .email) == .mask)
        #expect(loaded.guardrailsRefresh == nil)
    }

    @Test func withoutASectionThereIsNothing() throws {
        let loaded = try load("models:\n  m: { provider: a }\n")
        #expect(loaded.guardrails.customEntities.isEmpty && loaded.guardrails.defaultPolicy == nil)
        #expect(loaded.guardrails.policy(for: loaded.catalog.models[0]) == nil)
    }

    @Test(arguments: [
        (
            "models:\n  m: { provider: a, guardrails: { input: { email: redact } } }\n",
            "models.m.guardrails.input.email: unknown action 'redact' (use off, log, mask, block)"
        ),
        (
            "models:\n  m: { provider: a, guardrails: { inpu: { email: mask } } }\n",
            "models.m.guardrails.inpu: unknown key (did you mean input?)"
        ),
        (
            "models:\n  m: { provider: a, guardrails: { output: { card: block } } }\n",
            "models.m.guardrails.output: card: block is not possible on output: an answer already produced cannot be refused"
        ),
        (
            "models:\n  m: { provider: a, guardrails: { input: { employe_id: mask } } }\n",
            "models.m.guardrails.input.employe_id: unknown entity 'employe_id' (known: card, deny, email, iban, ip, phone, secret, ssn;"
        ),
        ("models:\n  m: { provider: a, guardrails: { input: { Email: mask } } }\n", "invalid entity name 'Email'"),
        ("guardrails:\n  entities: { email: 'x@y' }\n", "guardrails.entities.email: 'email' is a built-in entity"),
        ("guardrails:\n  entities: { deny: 'x' }\n", "guardrails.entities.deny: 'deny' is a built-in entity"),
        ("guardrails:\n  entities: { Bad-Name: 'x' }\n", "guardrails.entities.Bad-Name: invalid entity name"),
        ("guardrails:\n  entities: { default: 'x' }\n", "guardrails.entities.default: invalid entity name"),
        ("guardrails:\n  default: { output: { badge: log } }\n", "guardrails.default.output.badge: unknown entity 'badge'"),
        ("guardrails:\n  defaults: {}\n", "guardrails.defaults: unknown key (did you mean default?)"),
        ("guardrails:\n  refresh: 0s\n", "guardrails.refresh: must be between"),
        ("guardrails:\n  entities: { badge: '(B)\\1' }\n", "guardrails.entities.badge: invalid pattern '(B)\\1': "),
        ("guardrails:\n  entities: { badge: 'B[0-9' }\n", "guardrails.entities.badge: invalid pattern 'B[0-9': "),
        ("guardrails:\n  entities: { badge: '' }\n", "guardrails.entities.badge: invalid pattern '': an empty pattern"),
    ])
    func badSettingsNameTheKey(yaml: String, expected: String) {
        let text = message("models:\n  z: { provider: a }\n" + yaml.replacingOccurrences(of: "models:\n", with: ""))
        #expect(text?.hasPrefix("config: ") == true && text?.contains(expected) == true, "\(yaml): \(text ?? "loaded")")
    }

    @Test func yamlWordsForActionsAndBooleansAreRead() throws {
        let loaded = try load("models:\n  m:\n    provider: a\n    guardrails: { input: { email: off, default: log }, restore: yes }\n")
        #expect(
            loaded.catalog.models[0].guardrails == GuardrailPolicy(input: GuardrailRules([.email: .off], fallback: .log), restore: true))
    }

    @Test func customEntitiesMayBeNamedByEveryPolicy() throws {
        let loaded = try load(
            """
            models:
              m: { provider: a, guardrails: { output: { badge: mask } } }
            guardrails:
              entities: { badge: 'B[0-9]{4}' }
              default: { input: { badge: block } }
              refresh: 2s
            """)
        #expect(loaded.guardrails.knownEntities.contains(GuardrailEntity("badge")))
        #expect(loaded.guardrailsRefresh == 2)
    }
}
