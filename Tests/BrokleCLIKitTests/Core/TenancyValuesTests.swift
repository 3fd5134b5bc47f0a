@testable import BrokleCore
import Foundation
import Testing

@Suite struct TenancyValuesTests {
    @Test(arguments: ["acme", "a1", "my-org-2", String(repeating: "a", count: 63)])
    func goodSlugs(slug: String) throws {
        #expect(try Slug.validate(slug, what: "organization") == slug)
    }

    @Test(arguments: ["a", "Acme", "-acme", "acme-", "ac_me", "ac me", "", String(repeating: "a", count: 64), "acmé"])
    func badSlugs(slug: String) {
        #expect { try Slug.validate(slug, what: "organization") } throws: { ($0 as? BrokleError)?.kind == .usage }
    }

    @Test func tenantPaths() throws {
        let path = try EnvironmentPath("acme/web/production")
        #expect(path.org == "acme" && path.project == "web" && path.environment == "production")
        #expect(path.description == "acme/web/production")
        #expect(throws: BrokleError.self) { try ProjectPath("acme") }
        #expect(throws: BrokleError.self) { try EnvironmentPath("acme/web/prod/x") }
        #expect(throws: BrokleError.self) { try ProjectPath("acme/Web") }
    }

    @Test func durations() throws {
        #expect(try DurationText.seconds("90s", what: "x") == 90)
        #expect(try DurationText.seconds("30d", what: "x") == 30 * 86_400)
        #expect(try DurationText.seconds("1h30m", what: "x") == 5_400)
        #expect(try DurationText.seconds("0s", what: "x") == 0)
        for bad in ["", "30", "d", "3x", "-1h", "1.5h"] {
            #expect(throws: BrokleError.self, "\(bad)") { try DurationText.seconds(bad, what: "x") }
        }
    }

    @Test func modelPatterns() throws {
        let patterns = try ModelPattern.list("gpt-4o,claude-*")
        #expect(patterns.map(\.text) == ["gpt-4o", "claude-*"])
        #expect(patterns[0].matches("gpt-4o"))
        #expect(!patterns[0].matches("gpt-4o-mini"))
        #expect(patterns[1].matches("claude-3-5-sonnet"))
        #expect(!patterns[1].matches("openai/claude"))
        #expect(try ModelPattern("*").matches("anything/at-all"))
        #expect(try ModelPattern("openai/*-mini").matches("openai/gpt-4o-mini"))
        #expect(throws: BrokleError.self) { try ModelPattern.list("gpt-4o,,x") }
    }

    @Test func emails() throws {
        #expect(try Email.normalize(" Ada@Example.COM ") == "ada@example.com")
        for bad in ["ada", "ada@", "@x.com", "a b@x.com", "ada@localhost", "a@b@c.com"] {
            #expect(throws: BrokleError.self, "\(bad)") { try Email.normalize(bad) }
        }
    }
}
