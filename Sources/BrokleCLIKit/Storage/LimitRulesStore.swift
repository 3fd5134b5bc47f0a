import Foundation
import SQLKit

/// Reads every limit and budget at once, for the gateway (a few rows per scope that has any).
public struct LimitRulesStore: Sendable {
    public let database: Database

    public init(_ database: Database) {
        self.database = database
    }

    public func load(plans: [Plan: PlanQuota], timeout: Duration? = nil) async throws(BrokleError) -> LimitRules {
        try await database.call("read limits and budgets", timeout: timeout) {
            var rules = LimitRules(plans: plans)
            for row in try await database.sql.select().columns("scope_kind", "scope_id", "rpm", "tpm", "concurrency").from("limits").all() {
                guard let kind = LimitScope.Kind(rawValue: try row.decode(column: "scope_kind", as: String.self)) else { continue }
                rules.rates[LimitScope(kind, try row.decode(column: "scope_id", as: String.self))] = LimitRules.Rates(
                    rpm: try row.decode(column: "rpm", as: Int64?.self), tpm: try row.decode(column: "tpm", as: Int64?.self),
                    concurrency: try row.decode(column: "concurrency", as: Int64?.self))
            }
            for row in try await database.sql.select().columns("scope_kind", "scope_id", "period", "limit_nanousd").from("budgets").all() {
                guard let kind = LimitScope.Kind(rawValue: try row.decode(column: "scope_kind", as: String.self)),
                    let period = BudgetPeriod(rawValue: try row.decode(column: "period", as: String.self))
                else { continue }
                rules.budgets[LimitScope(kind, try row.decode(column: "scope_id", as: String.self)), default: [:]][period] = try row.decode(
                    column: "limit_nanousd", as: Int64.self)
            }
            return rules
        }
    }
}
