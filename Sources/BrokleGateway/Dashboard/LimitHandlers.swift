import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/limits`: the organization's rate limits and budgets with each budget's use of
/// its current period (every member), and setting or removing them (admins and owners) through the
/// stores `brokle limits` and `brokle budgets` use. A scope is `ORG`, `ORG/PROJECT` or
/// `ORG/PROJECT/ENV` (with `per_user`, each end user of that environment).
struct LimitHandlers: Sendable {
    let auth: DashboardAuth
    let limits: LimitStore
    let budgets: BudgetStore
    let resolver: ScopeResolver

    struct LimitBody: Encodable {
        var scope: String
        var kind: String
        var rpm: Int?
        var tpm: Int?
        var concurrency: Int?
    }

    struct BudgetBody: Encodable {
        var scope: String
        var kind: String
        var period: String
        var limitUsd: Decimal
        /// Absent for a per-user budget: each end user has its own use.
        var spentUsd: Decimal?
        var reservedUsd: Decimal?
        var remainingUsd: Decimal?
        var periodEnd: Date?
    }

    struct Listing: Encodable {
        var limits: [LimitBody]
        var budgets: [BudgetBody]
    }

    struct SetLimit: Decodable {
        var scope: String
        var perUser: Bool?
        var rpm: Int?
        var tpm: Int?
        var concurrency: Int?
    }

    struct SetBudget: Decodable {
        var scope: String
        var perUser: Bool?
        var period: String
        var usd: String
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let (limitEntries, budgetEntries, usages) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            let limitEntries = try await limits.list(organizationID: membership.organizationID)
            let budgetEntries = try await budgets.list(organizationID: membership.organizationID)
            return (limitEntries, budgetEntries, try await budgets.usage(of: budgetEntries))
        }
        return try DashboardJSON.response(
            Listing(
                limits: limitEntries.map {
                    LimitBody(
                        scope: $0.path.text, kind: $0.limit.scope.kind.rawValue, rpm: $0.limit.limits.rpm, tpm: $0.limit.limits.tpm,
                        concurrency: $0.limit.limits.concurrency)
                },
                budgets: zip(budgetEntries, usages).map { entry, usage in
                    BudgetBody(
                        scope: entry.path.text, kind: entry.budget.scope.kind.rawValue, period: entry.budget.period.rawValue,
                        limitUsd: CostCalculator.usd(nano: entry.budget.limitNanoUSD),
                        spentUsd: usage.map { CostCalculator.usd(nano: $0.spentNanoUSD) },
                        reservedUsd: usage.map { CostCalculator.usd(nano: $0.reservedNanoUSD) },
                        remainingUsd: usage.map { CostCalculator.usd(nano: $0.remainingNanoUSD) }, periodEnd: usage?.periodEnd)
                }))
    }

    func setLimit(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageLimits)
        let body = try await DashboardJSON.decode(SetLimit.self, from: request)
        let values = RateLimits(rpm: body.rpm, tpm: body.tpm, concurrency: body.concurrency)
        guard !values.isEmpty, [body.rpm, body.tpm, body.concurrency].allSatisfy({ ($0 ?? 1) > 0 }) else {
            throw GatewayError.invalidRequest("Give 'rpm', 'tpm' and/or 'concurrency', each a positive whole number.")
        }
        let reference = try Self.reference(body.scope, perUser: body.perUser ?? false, in: membership)
        let entry = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await limits.set(try await resolver.resolve(reference), values, by: session.actor)
        }
        return try DashboardJSON.response(
            LimitBody(
                scope: entry.path.text, kind: entry.limit.scope.kind.rawValue, rpm: entry.limit.limits.rpm, tpm: entry.limit.limits.tpm,
                concurrency: entry.limit.limits.concurrency))
    }

    func removeLimit(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageLimits)
        let query = request.uri.queryParameters
        let reference = try Self.reference(String(query["scope"] ?? ""), perUser: query["per_user"] == "true", in: membership)
        _ = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await limits.remove(try await resolver.resolve(reference), by: session.actor)
        }
        return Response(status: .noContent)
    }

    func setBudget(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageBudgets)
        let body = try await DashboardJSON.decode(SetBudget.self, from: request)
        guard let period = BudgetPeriod(rawValue: body.period) else {
            throw GatewayError.invalidRequest("'period' is day, week or month.", param: "period")
        }
        let nanoUSD = try DashboardErrors.converted { () throws(BrokleError) in try USDAmount.nanoUSD(body.usd, what: "'usd'") }
        let reference = try Self.reference(body.scope, perUser: body.perUser ?? false, in: membership)
        let (entry, _) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await budgets.set(
                try await resolver.resolve(reference), period: period, limitNanoUSD: nanoUSD, ifNotExists: false, by: session.actor)
        }
        // What was saved, as stored (its use this period is on the listing).
        return try DashboardJSON.response(
            BudgetBody(
                scope: entry.path.text, kind: entry.budget.scope.kind.rawValue, period: entry.budget.period.rawValue,
                limitUsd: CostCalculator.usd(nano: entry.budget.limitNanoUSD)))
    }

    func removeBudget(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true, may: .manageBudgets)
        let query = request.uri.queryParameters
        let reference = try Self.reference(String(query["scope"] ?? ""), perUser: query["per_user"] == "true", in: membership)
        let period = try query["period"].map { text throws(GatewayError) -> BudgetPeriod in
            guard let period = BudgetPeriod(rawValue: String(text)) else {
                throw GatewayError.invalidRequest("'period' is day, week or month.", param: "period")
            }
            return period
        }
        _ = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await budgets.remove(try await resolver.resolve(reference), period: period, by: session.actor)
        }
        return Response(status: .noContent)
    }

    /// `ORG`, `ORG/PROJECT` or `ORG/PROJECT/ENV` of the member's organization (another one's is a 404).
    static func reference(_ text: String, perUser: Bool, in membership: MembershipLookup.Membership) throws(GatewayError)
        -> ScopeReference
    {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { throw GatewayError.missingParameter("scope") }
        guard first == membership.slug else { throw DashboardErrors.notFound("scope '\(text)'") }
        return try DashboardErrors.converted { () throws(BrokleError) -> ScopeReference in
            switch (parts.count, perUser) {
            case (1, false): return .organization(first)
            case (2, false): return .project(try ProjectPath(text))
            case (3, false): return .environment(try EnvironmentPath(text))
            case (3, true): return .endUsers(try EnvironmentPath(text))
            default:
                throw BrokleError(.usage, "'scope' is ORG, ORG/PROJECT or ORG/PROJECT/ENV; 'per_user' needs an environment")
            }
        }
    }
}
