@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct GuardrailPolicyStoreTests {
    @Test(arguments: TestDatabase.available)
    func setMergesIntoTheStoredPolicyOrReplacesIt(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = GuardrailPolicyStore(database)
            let first = try await store.set(
                scopes.project,
                GuardrailPolicyChange(input: GuardrailRules([.email: .mask], fallback: .log), restore: true, deny: ["zeus"]),
                replace: false, by: .test)
            #expect(first.policy == GuardrailPolicy(input: GuardrailRules([.email: .mask], fallback: .log), restore: true, deny: ["zeus"]))
            #expect(first.path == ScopePath(kind: .project, org: "acme", project: "web"))
            #expect(first.organizationID == scopes.project.organizationID)

            let second = try await store.set(
                scopes.project, GuardrailPolicyChange(input: GuardrailRules([.card: .block]), output: GuardrailRules(fallback: .mask)),
                replace: false, by: .test)
            #expect(second.policy.input == GuardrailRules([.email: .mask, .card: .block], fallback: .log))
            #expect(second.policy.output == GuardrailRules(fallback: .mask) && second.policy.restore && second.policy.deny == ["zeus"])
            #expect(second.createdAt == first.createdAt && second.updatedAt >= first.updatedAt)

            let third = try await store.set(
                scopes.project, GuardrailPolicyChange(restore: false, deny: ["atlas"]), replace: false, by: .test)
            #expect(third.policy.deny == ["atlas"] && !third.policy.restore && third.policy.input == second.policy.input)

            let replaced = try await store.set(
                scopes.project, GuardrailPolicyChange(input: GuardrailRules([.ssn: .block])), replace: true, by: .test)
            #expect(replaced.policy == GuardrailPolicy(input: GuardrailRules([.ssn: .block])))
            #expect(try await store.get(scopes.project.scope) == replaced)
            #expect(try await store.get(scopes.org.scope) == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func whatNoPolicyMayHoldIsRefusedBeforeTheDatabase(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = GuardrailPolicyStore(database)
            await #expect { try await store.set(scopes.org, GuardrailPolicyChange(), replace: false, by: .test) } throws: {
                ($0 as? BrokleError)?.kind == .usage
            }
            await #expect {
                try await store.set(scopes.org, GuardrailPolicyChange(output: GuardrailRules([.card: .block])), replace: false, by: .test)
            } throws: {
                ($0 as? BrokleError)?.message.contains("cannot be refused") == true
            }
            #expect(try await store.list().isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func listGivesEveryScopeItsPathAndFiltersByOrganization(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = GuardrailPolicyStore(database)
            let other = try await ScopeResolver(database).resolve(.project(try ProjectPath("other/api")))
            let policy = GuardrailPolicy(input: GuardrailRules([.secret: .block]))
            for target in [scopes.key, scopes.env, other, scopes.project, scopes.org] {
                _ = try await store.set(target, policy, replace: false, by: .test)
            }
            let all = try await store.list()
            #expect(all.map(\.path.text) == ["acme", "acme/web", "acme/web/production", scopes.key.path.key!, "other/api"])
            #expect(all.allSatisfy { $0.policy == policy })
            #expect(try await store.list(organizationID: other.organizationID).map(\.path.text) == ["other/api"])

            let loaded = try await store.loadAll(timeout: .seconds(5))
            #expect(loaded.count == 5 && loaded[scopes.key.scope] == policy && loaded[other.scope] == policy)
        }
    }

    @Test(arguments: TestDatabase.available)
    func removeSaysWhatWentAwayAndThenNotFound(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await LimitStoreTests.tenancy(database)
            let store = GuardrailPolicyStore(database)
            await #expect { try await store.remove(scopes.env, by: .test) } throws: { ($0 as? BrokleError)?.kind == .notFound }
            let set = try await store.set(scopes.env, GuardrailPolicy(deny: ["zeus"]), replace: false, by: .test)
            #expect(try await store.remove(scopes.env, by: .test) == set)
            #expect(try await store.get(scopes.env.scope) == nil)
            #expect(try await store.loadAll().isEmpty)
            await #expect { try await store.remove(scopes.env, by: .test) } throws: { ($0 as? BrokleError)?.kind == .notFound }
        }
    }

    @Test(arguments: TestDatabase.available)
    func tracesHaveAGuardrailsColumn(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let now = Date()
            try await database.sql.raw(
                """
                INSERT INTO traces (id, organization_id, project_id, environment_id, api_key_id, endpoint, model_requested,
                                    status, latency_ms, started_at, finished_at, guardrails)
                VALUES ('t1', 'o', 'p', 'e', 'k', 'chat.completions', 'gpt-4o', 'ok', 1, \(bind: now), \(bind: now), '{"input":{"email":1}}')
                """
            ).run()
            let row = try await database.sql.raw("SELECT guardrails FROM traces WHERE id = 't1'").first()
            #expect(try row?.decode(column: "guardrails", as: String?.self) == #"{"input":{"email":1}}"#)
        }
    }
}
