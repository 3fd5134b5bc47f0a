@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct KeyStoreTests {
    func environment(_ database: Database) async throws -> Environment {
        _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: true, by: .test)
        _ = try await ProjectStore(database).create(org: "acme", slug: "web", name: nil, ifNotExists: true, by: .test)
        return try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheHashIsStoredAndAuthenticationGivesTheContext(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let env = try await environment(database)
            let store = KeyStore(database)
            let (key, token) = try await store.create(
                in: env, name: "ci", expiresAt: nil, models: try ModelPattern.list("gpt-4o,claude-*"), by: .test)

            // No column of any key row holds the secret.
            let rows = try await database.sql.raw("SELECT * FROM api_keys").all()
            for row in rows {
                for column in row.allColumns {
                    let value = (try? row.decode(column: column, as: String?.self)) ?? nil
                    #expect(value?.contains(token.secret) != true, "column \(column) holds the secret")
                }
            }

            let context = try await store.authenticate(token.text).get()
            #expect(context.keyID == key.id)
            #expect(context.orgSlug == "acme" && context.projectSlug == "web" && context.environmentSlug == "production")
            #expect(context.allows(model: "gpt-4o") && context.allows(model: "claude-3-haiku") && !context.allows(model: "gpt-4o-mini"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badKeysAreRejectedWithDistinctReasons(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let env = try await environment(database)
            let store = KeyStore(database)
            let (_, good) = try await store.create(in: env, name: nil, expiresAt: nil, models: nil, by: .test)
            let (revokedKey, revoked) = try await store.create(in: env, name: nil, expiresAt: nil, models: nil, by: .test)
            _ = try await store.revoke(revokedKey.id, by: .test)
            let (_, expiring) = try await store.create(in: env, name: nil, expiresAt: Date().addingTimeInterval(60), models: nil, by: .test)

            func reason(_ text: String, now: Date = Date()) async throws -> KeyRejection? {
                if case .failure(let rejection) = try await store.authenticate(text, now: now) { return rejection }
                return nil
            }
            #expect(try await reason(good.text) == nil)
            #expect(try await reason("sk-not-ours") == .malformed)
            #expect(try await reason(APIKeyToken.generate().text) == .unknown)
            #expect(try await reason(APIKeyToken(publicID: good.publicID, secret: APIKeyToken.generate().secret).text) == .wrongSecret)
            #expect(try await reason(revoked.text) == .revoked)
            #expect(try await reason(expiring.text) == nil)
            #expect(try await reason(expiring.text, now: Date().addingTimeInterval(120)) == .expired)
        }
    }

    @Test(arguments: TestDatabase.available)
    func rotationKeepsTheOldSecretOnlyThroughTheGrace(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let env = try await environment(database)
            let store = KeyStore(database)
            let (key, old) = try await store.create(in: env, name: "svc", expiresAt: nil, models: nil, by: .test)
            let (rotated, new) = try await store.rotate(key.publicID, grace: 3600, by: .test)
            #expect(new.publicID == old.publicID && new.secret != old.secret)
            #expect(rotated.previousSecretValidUntil != nil)

            let now = Date()
            #expect((try? await store.authenticate(new.text, now: now).get()) != nil)
            #expect((try? await store.authenticate(old.text, now: now).get()) != nil)
            #expect((try? await store.authenticate(old.text, now: now.addingTimeInterval(3601)).get()) == nil)
            #expect((try? await store.authenticate(new.text, now: now.addingTimeInterval(3601)).get()) != nil)

            // Rotating again without grace ends the previous secret at once.
            let (_, newest) = try await store.rotate(key.id, grace: 0, by: .test)
            #expect((try? await store.authenticate(new.text).get()) == nil)
            #expect((try? await store.authenticate(newest.text).get()) != nil)

            // Revocation also ends any grace; a revoked key cannot be rotated; revoking twice is harmless.
            _ = try await store.rotate(key.id, grace: 3600, by: .test)
            let revoked = try await store.revoke(key.id, by: .test)
            #expect(try await store.revoke(key.id, by: .test) == revoked)
            #expect((try? await store.authenticate(newest.text).get()) == nil)
            await #expect { try await store.rotate(key.id, grace: 0, by: .test) } throws: { ($0 as? BrokleError)?.kind == .conflict }
        }
    }

    @Test(arguments: TestDatabase.available)
    func listingFiltersAndNamedReuse(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let env = try await environment(database)
            let store = KeyStore(database)
            let (a, _) = try await store.create(in: env, name: "a", expiresAt: nil, models: nil, by: .test)
            let (b, _) = try await store.create(in: env, name: "b", expiresAt: nil, models: nil, by: .test)
            _ = try await store.revoke(b.id, by: .test)
            #expect(try await store.list(.init()).map(\.id) == [a.id])
            #expect(try await store.list(.init(includeRevoked: true)).count == 2)
            #expect(try await store.list(.init(org: "acme", project: "web", environment: "development")).isEmpty)
            #expect(try await store.live(named: "a", in: env)?.id == a.id)
            #expect(try await store.live(named: "b", in: env) == nil)
            await #expect { try await store.get("missing") } throws: { ($0 as? BrokleError)?.kind == .notFound }
        }
    }

    @Test(arguments: TestDatabase.available)
    func usageIsBatchedAndNeverMovesBack(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let env = try await environment(database)
            let store = KeyStore(database)
            let (a, _) = try await store.create(in: env, name: nil, expiresAt: nil, models: nil, by: .test)
            let (b, _) = try await store.create(in: env, name: nil, expiresAt: nil, models: nil, by: .test)
            let recorder = KeyUsageRecorder()
            let base = Date(timeIntervalSince1970: 1_800_000_000)
            for second in 0..<1000 {
                await recorder.record(keyID: second.isMultiple(of: 2) ? a.id : b.id, at: base.addingTimeInterval(Double(second)))
            }
            #expect(await recorder.pendingCount == 2)
            try await recorder.flush(to: store)
            #expect(await recorder.pendingCount == 0)
            let lastA = try await store.get(a.id).lastUsedAt?.timeIntervalSince1970 ?? 0
            #expect(abs(lastA - (base.timeIntervalSince1970 + 998)) < 0.01)

            await recorder.record(keyID: a.id, at: base)  // older than what is stored
            try await recorder.flush(to: store)
            #expect(abs((try await store.get(a.id).lastUsedAt?.timeIntervalSince1970 ?? 0) - lastA) < 0.01)
        }
    }
}
