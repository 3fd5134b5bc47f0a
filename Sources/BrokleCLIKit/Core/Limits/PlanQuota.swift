/// What an organization's plan allows: requests per calendar month (UTC) and members. Nil: no
/// limit. The shipped table follows the product's tiers; brokle.yaml's `plans:` overrides it.
public struct PlanQuota: Sendable, Equatable {
    public var monthlyRequests: Int?
    public var members: Int?

    public init(monthlyRequests: Int?, members: Int?) {
        self.monthlyRequests = monthlyRequests
        self.members = members
    }

    public static let shipped: [Plan: PlanQuota] = [
        .free: PlanQuota(monthlyRequests: 10_000, members: 5),
        .pro: PlanQuota(monthlyRequests: 100_000, members: 10),
        .business: PlanQuota(monthlyRequests: 1_000_000, members: nil),
        .enterprise: PlanQuota(monthlyRequests: nil, members: nil),
    ]
}
