extension PlanQuota {
    /// The plan after `plan` (in the order of ``Plan``) that allows more members than `plan` does
    /// under `quotas`: what to suggest when an organization is full.
    static func largerPlan(forMembersThan plan: Plan, in quotas: [Plan: PlanQuota]) -> Plan? {
        guard let allowed = quotas[plan]?.members else { return nil }
        return Plan.allCases.drop { $0 != plan }.dropFirst().first { candidate in
            quotas[candidate].map { $0.members.map { $0 > allowed } ?? true } ?? false
        }
    }

    /// The error for adding a member to `org` (on `plan`, which allows `allowed`) that already has `count`.
    package static func membersExceeded(org: String, plan: Plan, allowed: Int, count: Int, quotas: [Plan: PlanQuota]) -> BrokleError {
        let larger = largerPlan(forMembersThan: plan, in: quotas)
        return BrokleError(
            .conflict,
            "\(org) is on the \(plan.rawValue) plan, which allows \(allowed) member\(allowed == 1 ? "" : "s") (\(count) now)",
            hint: larger.map { "remove one or move to a larger plan with `brokle orgs update \(org) --plan \($0.rawValue)`" }
                ?? "remove a member first"
        )
    }
}
