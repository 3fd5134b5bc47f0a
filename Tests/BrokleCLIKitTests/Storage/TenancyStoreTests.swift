@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit
import Testing

@Suite struct TenancyStoreTests {
    func count(_ database: Database, _ table: String) async throws -> Int {
        try await database.sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
    }

    func kind(_ error: any Error) -> BrokleError.Kind? { (error as? BrokleError)?.kind }

    @Test(arguments: TestDatabase.available)
    func organizationsAreIdempotentWithIfNotExistsAndConflictWithout(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            let store = OrganizationStore(database)
            let (first, created) = try await store.create(slug: "acme", name: "Acme Inc", plan: .pro, ifNotExists: false, by: .test)
            #expect(created)
            let (again, createdAgain) = try await store.create(slug: "acme", name: "Other", plan: .free, ifNotExists: true, by: .test)
            #expect(!createdAgain)
            #expect(again.id == first.id && again.name == "Acme Inc" && again.plan == .pro)
            await #expect { try await store.create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test) } throws: {
                kind($0) == .conflict
            }
            #expect(try await count(database, "organizations") == 1)

            let updated = try await store.update("acme", name: "Acme", plan: .enterprise, newSlug: "acme-corp", by: .test)
            #expect(updated.slug == "acme-corp" && updated.plan == .enterprise && updated.name == "Acme")
            await #expect { try await store.get("acme") } throws: { kind($0) == .notFound }
            _ = try await store.create(slug: "beta", name: nil, plan: .free, ifNotExists: false, by: .test)
            await #expect { try await store.update("beta", name: nil, plan: nil, newSlug: "acme-corp", by: .test) } throws: {
                kind($0) == .conflict
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func projectsComeWithEnvironmentsAndDeletesRespectWhatHangsOff(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            let projects = ProjectStore(database)
            let (project, _) = try await projects.create(org: "acme", slug: "web", name: "Web", ifNotExists: false, by: .test)
            #expect(project.orgSlug == "acme")
            let environments = try await EnvironmentStore(database).list(org: "acme", project: "web")
            #expect(environments.map(\.slug) == ["development", "production"])
            _ = try await projects.create(org: "acme", slug: "web", name: nil, ifNotExists: true, by: .test)
            #expect(try await count(database, "projects") == 1)
            #expect(try await count(database, "environments") == 2)

            await #expect { try await projects.create(org: "nope", slug: "web", name: nil, ifNotExists: false, by: .test) } throws: {
                kind($0) == .notFound
            }
            await #expect { try await projects.get(org: "acme", slug: "api") } throws: { kind($0) == .notFound }

            // An org with projects is not deleted without cascade; nothing changes.
            await #expect { try await OrganizationStore(database).delete("acme", cascade: false, by: .test) } throws: {
                kind($0) == .conflict
            }
            #expect(try await count(database, "projects") == 1)

            // A project with a live key is not deleted without cascade.
            let production = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
            _ = try await KeyStore(database).create(in: production, name: "ci", expiresAt: nil, models: nil, by: .test)
            await #expect { try await projects.delete(org: "acme", slug: "web", cascade: false, by: .test) } throws: {
                kind($0) == .conflict
            }
            await #expect {
                try await EnvironmentStore(database).delete(org: "acme", project: "web", slug: "production", cascade: false, by: .test)
            } throws: { kind($0) == .conflict }
            _ = try await EnvironmentStore(database).delete(org: "acme", project: "web", slug: "development", cascade: false, by: .test)
            #expect(try await count(database, "environments") == 1)

            _ = try await OrganizationStore(database).delete("acme", cascade: true, by: .test)
            for table in ["organizations", "projects", "environments", "api_keys"] {
                #expect(try await count(database, table) == 0, "\(table) emptied by the cascade")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func environmentsCreateOnceAndListByOrgOrProject(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            _ = try await ProjectStore(database).create(
                org: "acme", slug: "web", name: nil, environments: ["production"], ifNotExists: false, by: .test)
            _ = try await ProjectStore(database).create(org: "acme", slug: "api", name: nil, ifNotExists: false, by: .test)
            let store = EnvironmentStore(database)
            let (staging, created) = try await store.create(org: "acme", project: "web", slug: "staging", ifNotExists: false, by: .test)
            #expect(created && staging.projectSlug == "web")
            await #expect { try await store.create(org: "acme", project: "web", slug: "staging", ifNotExists: false, by: .test) } throws: {
                kind($0) == .conflict
            }
            #expect(try await store.create(org: "acme", project: "web", slug: "staging", ifNotExists: true, by: .test).1 == false)
            #expect(try await store.list(org: "acme", project: "web").map(\.slug) == ["production", "staging"])
            #expect(try await store.list(org: "acme", project: nil).count == 4)
            await #expect { try await store.create(org: "acme", project: "nope", slug: "x1", ifNotExists: false, by: .test) } throws: {
                kind($0) == .notFound
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func membersKeepAtLeastOneOwner(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await OrganizationStore(database).create(slug: "acme", name: nil, plan: .free, ifNotExists: false, by: .test)
            let members = MemberStore(database)
            _ = try await members.add(org: "acme", email: "ada@acme.test", name: "Ada", role: .owner, ifNotExists: false, by: .test)
            _ = try await members.add(org: "acme", email: "bob@acme.test", name: nil, role: .developer, ifNotExists: false, by: .test)
            await #expect {
                try await members.add(org: "acme", email: "bob@acme.test", name: nil, role: .admin, ifNotExists: false, by: .test)
            } throws: { kind($0) == .conflict }
            #expect(
                try await members.add(org: "acme", email: "bob@acme.test", name: nil, role: .admin, ifNotExists: true, by: .test).0.role
                    == .developer)

            await #expect { try await members.setRole(org: "acme", email: "ada@acme.test", role: .admin, by: .test) } throws: {
                kind($0) == .conflict
            }
            await #expect { try await members.remove(org: "acme", email: "ada@acme.test", by: .test) } throws: { kind($0) == .conflict }
            #expect(try await members.list(org: "acme").first { $0.email == "ada@acme.test" }?.role == .owner)

            _ = try await members.setRole(org: "acme", email: "bob@acme.test", role: .owner, by: .test)
            _ = try await members.remove(org: "acme", email: "ada@acme.test", by: .test)
            #expect(try await members.list(org: "acme").map(\.email) == ["bob@acme.test"])
            await #expect { try await members.remove(org: "acme", email: "ada@acme.test", by: .test) } throws: { kind($0) == .notFound }
            await #expect { try await members.list(org: "nope") } throws: { kind($0) == .notFound }
            // A user can belong to several organizations; the user row is shared.
            _ = try await OrganizationStore(database).create(slug: "beta", name: nil, plan: .free, ifNotExists: false, by: .test)
            _ = try await members.add(org: "beta", email: "bob@acme.test", name: nil, role: .viewer, ifNotExists: false, by: .test)
            #expect(try await count(database, "users") == 2)
        }
    }
}
