@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct LimitStoreTests {
    /// acme (free) with acme/web/production and a key in it; other (pro) with other/api.
    static func tenancy(_ database: Database) async throws -> (org: ScopeTarget, project: ScopeTarget, env: ScopeTarget, key: ScopeTarget) {
        _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: true, by: .test)
        _ = try await ProjectStore(database).create(org: "acme", slug: "web", name: nil, ifNotExists: true, by: .test)
        _ = try await OrganizationStore(database).create(slug: "other", name: nil, plan: .pro, ifNotExists: true, by: .test)
        _ = try await ProjectStore(database).create(org: "other", slug: "api", name: nil, ifNotExists: true, by: .test)
        let environment = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
        let (key, _) = try await KeyStore(database).create(in: environment, name: "ci", expiresAt: nil, models: nil, by: .test)
        let resolver = ScopeResolver(database)
        return (
            try await resolver.resolve(.organization("acme")), try await resolver.resolve(.project(try ProjectPath("acme/web"))),
            try await resolver.resolve(.environment(try EnvironmentPath("acme/web/production"))),
            try await resolver.resolve(.key(key.publicID))
        )
    }

    @Test(arguments: TestDatabase.available)
    func setChangesOnlyTheKindsGiven(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await Self.tenancy(database)
            let store = LimitStore(database)
            let first = try await store.set(scopes.project, RateLimits(rpm: 600, tpm: 200_000), by: .test)
            #expect(first.limit.limits == RateLimits(rpm: 600, tpm: 200_000))
            #expect(first.path == ScopePath(kind: .project, org: "acme", project: "web"))
            let second = try await store.set(scopes.project, RateLimits(concurrency: 4), by: .test)
            #expect(second.limit.limits == RateLimits(rpm: 600, tpm: 200_000, concurrency: 4))
            let third = try await store.set(scopes.project, RateLimits(rpm: 30), by: .test)
            #expect(third.limit.limits == RateLimits(rpm: 30, tpm: 200_000, concurrency: 4))
            #expect(third.limit.createdAt == first.limit.createdAt && third.limit.updatedAt >= first.limit.updatedAt)
            #expect(try await store.get(scopes.project.scope) == third)
            #expect(try await store.get(scopes.org.scope) == nil)
            await #expect(throws: BrokleError.self) { try await store.set(scopes.project, RateLimits(), by: .test) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func listGivesEveryScopeItsPathAndFiltersByOrganization(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await Self.tenancy(database)
            let store = LimitStore(database)
            let other = try await ScopeResolver(database).resolve(.project(try ProjectPath("other/api")))
            for target in [scopes.key, scopes.env, other, scopes.project, scopes.org] {
                _ = try await store.set(target, RateLimits(rpm: 10), by: .test)
            }
            let all = try await store.list()
            #expect(all.map(\.path.text) == ["acme", "acme/web", "acme/web/production", scopes.key.path.key!, "other/api"])
            #expect(all[3].path == ScopePath(kind: .key, org: "acme", project: "web", environment: "production", key: scopes.key.path.key))
            #expect(try await store.list(organizationID: other.organizationID).map(\.path.text) == ["other/api"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func removeTakesKindsOrTheRowAndSaysWhatWentAway(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await Self.tenancy(database)
            let store = LimitStore(database)
            _ = try await store.set(scopes.env, RateLimits(rpm: 60, tpm: 1_000, concurrency: 2), by: .test)
            let tpm = try await store.remove(scopes.env, kinds: [.tpm], by: .test)
            #expect(tpm.limit.limits == RateLimits(tpm: 1_000))
            #expect(try await store.get(scopes.env.scope)?.limit.limits == RateLimits(rpm: 60, concurrency: 2))
            // Removing a kind that is not set removes nothing: not found.
            await #expect { try await store.remove(scopes.env, kinds: [.tpm], by: .test) } throws: {
                ($0 as? BrokleError)?.kind == .notFound
            }
            // The last kinds take the row with them.
            let rest = try await store.remove(scopes.env, kinds: [.rpm, .concurrency], by: .test)
            #expect(rest.limit.limits == RateLimits(rpm: 60, concurrency: 2))
            #expect(try await store.get(scopes.env.scope) == nil)
            _ = try await store.set(scopes.env, RateLimits(rpm: 5), by: .test)
            #expect(try await store.remove(scopes.env, by: .test).limit.limits == RateLimits(rpm: 5))
            await #expect { try await store.remove(scopes.env, by: .test) } throws: { ($0 as? BrokleError)?.kind == .notFound }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDatabaseRefusesLimitsBelowOne(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let scopes = try await Self.tenancy(database)
            await #expect(throws: BrokleError.self) { try await LimitStore(database).set(scopes.org, RateLimits(rpm: 0), by: .test) }
            #expect(try await LimitStore(database).list().isEmpty)
        }
    }
}
