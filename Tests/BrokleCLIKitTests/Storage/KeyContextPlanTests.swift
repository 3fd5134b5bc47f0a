@testable import BrokleStorage
import Foundation
import Testing

/// The context of an authenticated key carries its organization's plan (for the monthly request quota).
@Suite struct KeyContextPlanTests {
    @Test(arguments: TestDatabase.available)
    func theContextCarriesTheOrganizationsPlan(kind db: TestDatabase) async throws {
        try await db.withMigrated { _, database in
            _ = try await LimitStoreTests.tenancy(database)
            let environment = try await EnvironmentStore(database).get(org: "other", project: "api", slug: "production")
            let (_, token) = try await KeyStore(database).create(in: environment, name: nil, expiresAt: nil, models: nil, by: .test)
            #expect(try await KeyStore(database).authenticate(token.text).get().plan == .pro)
            let free = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
            let (_, freeToken) = try await KeyStore(database).create(in: free, name: nil, expiresAt: nil, models: nil, by: .test)
            #expect(try await KeyStore(database).authenticate(freeToken.text).get().plan == .free)
            _ = try await OrganizationStore(database).update("other", name: nil, plan: .enterprise, newSlug: nil, by: .test)
            #expect(try await KeyStore(database).authenticate(token.text).get().plan == .enterprise)
        }
    }
}
