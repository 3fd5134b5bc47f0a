@testable import BrokleCLIKit
import Foundation
import Testing

/// `brokle guardrails` through the built binary, on both databases.
@Suite struct CLIGuardrailsTests {
    func brokle(_ arguments: [String], _ url: String, in folder: URL) async throws -> BrokleBinary.Result {
        try await BrokleBinary.run(arguments + ["--log-level", "error"], environment: ["BROKLE_DATABASE_URL": url], in: folder)
    }

    @Test(arguments: TestDatabase.available)
    func guardrailsSetListShowRemove(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, _ in
            let folder = try BrokleBinary.scratchDirectory()
            let key = try await CLIFixture.acmeWithKey(url)
            let set = try await brokle(
                [
                    "guardrails", "set", "--project", "acme/web", "--input", "email=mask", "--input", "default=log", "--output",
                    "default=mask",
                    "--restore", "--deny", "project zeus",
                ], url, in: folder)
            #expect(set.status == 0, "\(set.stderr)")
            let row = try #require(try set.lines().first)
            #expect(row["scope"] == .string("project") && row["path"] == .string("acme/web") && row["org"] == .string("acme"))
            #expect(row["policy"]?["input"]?["email"] == .string("mask") && row["policy"]?["input"]?["default"] == .string("log"))
            #expect(row["policy"]?["output"]?["default"] == .string("mask") && row["policy"]?["restore"] == .bool(true))
            #expect(row["policy"]?["deny"] == .array([.string("project zeus")]))
            #expect(row["created_at"] != nil && row["updated_at"] != nil)

            // Merged: the entity given changes, the rest stays.
            let more = try await brokle(
                ["guardrails", "set", "--project", "acme/web", "--input", "email=block", "--no-restore"], url, in: folder)
            let policy = try #require(try more.lines().first?["policy"])
            #expect(policy["input"]?["email"] == .string("block") && policy["input"]?["default"] == .string("log"))
            #expect(policy["restore"] == .bool(false) && policy["deny"] == .array([.string("project zeus")]))

            let whole = #"{"input": {"secret": "block"}, "deny": ["atlas"]}"#
            #expect(try await brokle(["guardrails", "set", "--key", key, "--policy", whole], url, in: folder).status == 0)
            #expect(try await brokle(["guardrails", "set", "--org", "acme", "--output", "card=mask"], url, in: folder).status == 0)

            let list = try await brokle(["guardrails", "list"], url, in: folder).lines()
            #expect(list.map { $0["path"]?.stringValue } == ["acme", "acme/web", key])
            #expect(try await brokle(["guardrails", "list", "--org", "acme"], url, in: folder).lines().count == 3)

            let show = try await brokle(["guardrails", "show", "--key", key], url, in: folder).lines()
            #expect(show.count == 1 && show.first?["policy"]?["input"] == .object(["secret": .string("block")]))
            #expect(show.first?["policy"]?["output"] == .object([:]) && show.first?["policy"]?["deny"] == .array([.string("atlas")]))

            // --replace starts over.
            let replaced = try await brokle(["guardrails", "set", "--key", key, "--replace", "--input", "ssn=mask"], url, in: folder)
            #expect(try replaced.lines().first?["policy"]?["input"] == .object(["ssn": .string("mask")]))
            #expect(try replaced.lines().first?["policy"]?["deny"] == .array([]))

            let table = try await brokle(["guardrails", "list", "--format", "table"], url, in: folder)
            #expect(table.stdout.hasPrefix("SCOPE") && table.stdout.contains("POLICY") && table.stdout.contains(#""card":"mask""#))

            let removed = try await brokle(["guardrails", "remove", "--org", "acme"], url, in: folder).lines()
            #expect(removed.first?["policy"]?["output"]?["card"] == .string("mask"))
            let gone = try await brokle(["guardrails", "show", "--org", "acme"], url, in: folder)
            #expect(gone.status == 6 && gone.stdout.isEmpty)
            let again = try await brokle(["guardrails", "remove", "--org", "acme"], url, in: folder)
            #expect(again.status == 6)
            #expect(try again.errorLine()?["error"]?["type"] == .string("not_found"))
        }
    }

    @Test func customEntitiesComeFromBrokleYaml() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        _ = try await BrokleBinary.run(["orgs", "create", "acme"], in: folder)
        let unknown = try await BrokleBinary.run(["guardrails", "set", "--org", "acme", "--input", "badge=mask"], in: folder)
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
        #expect(try unknown.errorLine()?["error"]?["message"]?.stringValue?.contains("unknown entity 'badge'") == true, "\(unknown.stderr)")
        let yaml = "providers:\n  a: { kind: mock }\nguardrails:\n  entities: { badge: 'B[0-9]{4}' }\n"
        try yaml.write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        let known = try await BrokleBinary.run(["guardrails", "set", "--org", "acme", "--input", "badge=mask"], in: folder)
        #expect(known.status == 0, "\(known.stderr)")
        #expect(try known.lines().first?["policy"]?["input"]?["badge"] == .string("mask"))
    }

    @Test(arguments: [
        (["guardrails", "set", "--input", "email=mask"], "name the scope"),
        (["guardrails", "set", "--org", "acme"], "nothing to set"),
        (["guardrails", "set", "--org", "acme", "--input", "email"], "--input email: use ENTITY=ACTION"),
        (["guardrails", "set", "--org", "acme", "--input", "email=redact"], "unknown action 'redact' (use off, log, mask, block)"),
        (["guardrails", "set", "--org", "acme", "--input", "E-mail=mask"], "invalid entity name 'E-mail'"),
        (["guardrails", "set", "--org", "acme", "--output", "card=block"], "an answer already produced cannot be refused"),
        (["guardrails", "set", "--org", "acme", "--deny", " "], "an empty phrase"),
        (["guardrails", "set", "--org", "acme", "--deny", "x", "--no-deny"], "--no-deny"),
        (["guardrails", "set", "--org", "acme", "--policy", "{"], "--policy: not valid JSON"),
        (["guardrails", "set", "--org", "acme", "--policy", #"{"input": {"email": "mask"}, "colour": 1}"#], "colour: unknown key"),
        (["guardrails", "set", "--org", "acme", "--policy", "{}", "--input", "email=mask"], "do not combine it"),
        (["guardrails", "show"], "name the scope"),
        (["guardrails", "remove", "--org", "acme", "--key", "k"], "name one scope"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) async throws {
        let folder = try BrokleBinary.scratchDirectory()
        _ = try await BrokleBinary.run(["migrate", "up"], in: folder)
        let result = try await BrokleBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(message) == true, "\(result.stderr)")
    }
}

/// `brokle guardrails test`: what a policy finds and what the provider would receive.
@Suite struct CLIGuardrailsTestCommandTests {
    @Test func printsFindingsWithoutValuesAndTheMaskedText() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        let text = "Card 4111 1111 1111 1111, mail jane.doe@example.com, key AKIAIOSFODNN7EXAMPLE."
        let result = try await BrokleBinary.run(
            ["guardrails", "test", "--text", text, "--policy", #"{"input": {"card": "block", "default": "mask"}}"#], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.lines()
        #expect(lines.count == 4)
        #expect(lines.prefix(3).map { $0["entity"]?.stringValue } == ["card", "email", "secret"])
        #expect(lines.first?["action"] == .string("block"))
        #expect(lines.first?["start"] == .int(5) && lines.first?["end"] == .int(24))
        #expect(lines.last?["blocked"] == .string("card"))
        #expect(lines.last?["masked"] == .string("Card [CARD_1], mail [EMAIL_1], key [SECRET_1]."))
        #expect(!result.stdout.contains("4111") && !result.stdout.contains("jane.doe") && !result.stdout.contains("AKIA"))
    }

    @Test func readsStdinAndBrokleYamlsPolicyForAModel() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        let yaml = """
            providers: { mock: { kind: mock } }
            guardrails: { entities: { badge: 'B-[0-9]{4}' } }
            models:
              bot: { provider: mock, guardrails: { input: { badge: mask, email: log } } }
            """
        try yaml.write(to: folder.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        let input = folder.appendingPathComponent("input.txt")
        try "badge B-1234 for ann@example.com".write(to: input, atomically: true, encoding: .utf8)
        let result = try await BrokleBinary.run(["guardrails", "test", "--model", "bot"], in: folder, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.lines()
        #expect(lines.map { $0["action"]?.stringValue } == ["mask", "log", nil])
        #expect(lines.last?["masked"] == .string("badge [BADGE_1] for ann@example.com"))
    }

    @Test func aBadPolicyIsAUsageError() async throws {
        let result = try await BrokleBinary.run(
            ["guardrails", "test", "--text", "x", "--policy", #"{"output": {"card": "block"}}"#], in: try BrokleBinary.scratchDirectory())
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains("--policy") == true)
    }
}
