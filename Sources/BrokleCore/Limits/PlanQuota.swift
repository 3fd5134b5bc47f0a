/// What an organization's plan allows: requests per calendar month (UTC) and members. Nil: no
/// limit. The shipped table follows the product's tiers; brokle.yaml's `plans:` overrides it.
package struct PlanQuota: Sendable, Equatable {
    package var monthlyRequests: Int?
    package var members: Int?

    package init(monthlyRequests: Int?, members: Int?) {
        self.monthlyRequests = monthlyRequests
        self.members = members
    }

    package static let shipped: [Plan: PlanQuota] = [
        .free: PlanQuota(monthlyRequests: 10_000, members: 5),
        .pro: PlanQuota(monthlyRequests: 100_000, members: 10),
        .business: PlanQuota(monthlyRequests: 1_000_000, members: nil),
        .enterprise: PlanQuota(monthlyRequests: nil, members: nil),
    ]
}
