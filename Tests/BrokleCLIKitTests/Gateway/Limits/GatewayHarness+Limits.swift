@testable import BrokleGateway
@testable import BrokleCore
@testable import BrokleStorage
import Foundation
import SQLKit

/// Limits and budgets written the way `brokle limits` / `brokle budgets` store them, for the tests.
extension GatewayHarness {
    /// The ids of `acme`, `acme/web` and `acme/web/production`.
    func tenancyIDs() async throws -> (organization: String, project: String, environment: String) {
        let environment = try await EnvironmentStore(database).get(org: "acme", project: "web", slug: "production")
        let organization =
            try await database.sql.raw("SELECT organization_id FROM projects WHERE id = \(bind: environment.projectID)")
            .first()?.decode(column: "organization_id", as: String.self) ?? ""
        return (organization, environment.projectID, environment.id)
    }

    func setLimit(_ kind: LimitScope.Kind, _ id: String, rpm: Int? = nil, tpm: Int? = nil, concurrency: Int? = nil) async throws {
        let organization = try await tenancyIDs().organization
        try await database.sql.insert(into: "limits")
            .columns("scope_kind", "scope_id", "organization_id", "rpm", "tpm", "concurrency", "created_at", "updated_at")
            .values(kind.rawValue, id, organization, rpm, tpm, concurrency, Date(), Date()).run()
        await gateway.limiter.refreshRules()
    }

    func setBudget(_ kind: LimitScope.Kind, _ id: String, nanoUSD: Int64, period: BudgetPeriod = .month) async throws {
        let organization = try await tenancyIDs().organization
        try await database.sql.insert(into: "budgets")
            .columns("scope_kind", "scope_id", "organization_id", "period", "limit_nanousd", "created_at", "updated_at")
            .values(kind.rawValue, id, organization, period.rawValue, nanoUSD, Date(), Date()).run()
        await gateway.limiter.refreshRules()
    }

    /// A chat request to `model`; its status and headers.
    func chat(_ model: String = "mock-chat", path: String = "/v1/chat/completions") async throws -> Reply {
        try await call(path, body: #"{"model":"\#(model)","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#)
    }
}
