@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import Testing

/// Audit rows of limits, budgets, guardrail and logging policies, purges and prunes made through
/// the built binary: one per change, none for a refused one or one that changes nothing.
@Suite struct CLIAuditPolicyTests {
    @Test(arguments: TestDatabase.available)
    func policyChangesLeaveOneRowEach(kind db: TestDatabase) async throws {
        try await db.withMigrated { url, database in
            let key = try await CLIFixture.acmeWithKey(url)
            var audit = AuditTrail(url: url, actor: "alice@acme.test")
            try await audit.sync()
            try await audit.unchanged(["audit", "query"], status: 0)

            let limit = try await audit.change(
                ["limits", "set", "--project", "acme/web", "--rpm", "600"], action: "limit.set", target: "acme/web")
            #expect(limit["before"] == .null && limit["after"]?["rpm"] == .int(600) && limit["after"]?["scope"] == .string("project"))
            let more = try await audit.change(
                ["limits", "set", "--project", "acme/web", "--tpm", "9000"], action: "limit.set", target: "acme/web")
            #expect(more["before"]?["tpm"] == .null && more["after"]?["tpm"] == .int(9000) && more["after"]?["rpm"] == .int(600))
            try await audit.unchanged(["limits", "set", "--project", "acme/web", "--rpm", "600"], status: 0)
            try await audit.unchanged(["limits", "set", "--org", "acme", "--rpm", "0"], status: 2)
            let perUser = try await audit.change(
                ["limits", "set", "--env", "acme/web/production", "--per-user", "--rpm", "5"], action: "limit.set",
                target: "acme/web/production")
            #expect(perUser["after"]?["scope"] == .string("end_user"))
            try await audit.change(["limits", "set", "--key", key, "--concurrency", "2"], action: "limit.set", target: key)
            let removed = try await audit.change(
                ["limits", "remove", "--project", "acme/web", "--tpm"], action: "limit.remove", target: "acme/web")
            #expect(removed["before"]?["tpm"] == .int(9000) && removed["after"]?["rpm"] == .int(600) && removed["after"]?["tpm"] == .null)
            try await audit.unchanged(["limits", "remove", "--project", "acme/web", "--tpm"], status: 6)

            let budget = try await audit.change(
                ["budgets", "set", "--org", "acme", "--usd", "100", "--period", "month"], action: "budget.set", target: "acme")
            #expect(budget["after"]?["limit_usd"]?["month"] == .int(100))
            try await audit.unchanged(
                ["budgets", "set", "--org", "acme", "--usd", "200", "--period", "month", "--if-not-exists"], status: 0)
            try await audit.unchanged(["budgets", "set", "--org", "acme", "--usd", "-1", "--period", "month"], status: 2)
            try await audit.change(
                ["budgets", "set", "--env", "acme/web/production", "--per-user", "--usd", "1", "--period", "day"], action: "budget.set",
                target: "acme/web/production")
            let gone = try await audit.change(["budgets", "remove", "--org", "acme"], action: "budget.remove", target: "acme")
            #expect(gone["before"]?["limit_usd"]?["month"] == .int(100) && gone["after"] == .null)

            let guardrails = try await audit.change(
                ["guardrails", "set", "--project", "acme/web", "--input", "email=block"], action: "guardrails.set", target: "acme/web")
            #expect(guardrails["before"] == .null && guardrails["after"]?["policy"] != nil)
            try await audit.unchanged(["guardrails", "set", "--project", "acme/web", "--input", "email=block"], status: 0)
            try await audit.unchanged(["guardrails", "set", "--project", "acme/web", "--input", "email=explode"], status: 2)
            try await audit.change(["guardrails", "remove", "--project", "acme/web"], action: "guardrails.remove", target: "acme/web")
            try await audit.unchanged(["guardrails", "remove", "--project", "acme/web"], status: 6)

            let logging = try await audit.change(
                ["logging", "set", "--org", "acme", "--content", "redacted", "--trace-retention", "90d"], action: "logging.set",
                target: "acme")
            #expect(logging["after"]?["content"] == .string("redacted") && logging["after"]?["trace_retention_seconds"] == .int(7_776_000))
            try await audit.unchanged(["logging", "set", "--project", "acme/web", "--trace-retention", "9d"], status: 2)
            try await audit.change(["logging", "remove", "--org", "acme"], action: "logging.remove", target: "acme")

            let cache = try await audit.change(
                ["cache", "purge", "--project", "acme/web", "--older-than", "1d"], action: "cache.purge", target: "acme/web")
            #expect(cache["after"]?["purged"] == .int(0) && cache["before"]?["created_before"]?.stringValue != nil)
            try await audit.unchanged(["cache", "purge"], status: 8)

            // The erased id appears as a digest keyed by this database's own secret (migration 0018),
            // not as a plain hash a reader of the log could test guesses against.
            let digest = try await InstallationSecrets(database).erasureDigest()
            let purge = try await audit.change(
                ["trace", "purge", "--user", "u1", "--yes"], action: "trace.purge", target: "user:hmac:" + digest.name("u1"))
            #expect(!(try await audit.brokle(["audit", "query"]).stdout.contains(LimitScope.endUserDigest("u1"))))
            #expect(purge["after"]?["trace_contents_deleted"] == .int(0) && purge["before"]?["content_only"] == .bool(false))
            #expect(try await audit.brokle(["audit", "query"]).stdout.contains("\"u1\"") == false)
            try await audit.change(
                ["trace", "purge", "--project", "acme/web", "--content-only", "--yes"], action: "trace.purge", target: "project:acme/web")
            try await audit.unchanged(["trace", "purge", "--project", "acme/nope", "--yes"], status: 6)
            let prune = try await audit.change(["trace", "prune", "--older-than", "30d"], action: "trace.prune", target: "older than 30d")
            #expect(prune["after"]?["traces"] == .int(0) && prune["organization_id"] == .null)
            try await audit.unchanged(["trace", "prune", "--dry-run"], status: 0)
        }
    }
}
