@testable import BrokleCore
import Testing

@Suite struct PlanQuotaMembersTests {
    @Test func suggestsTheNextPlanThatAllowsMoreMembers() {
        #expect(PlanQuota.largerPlan(forMembersThan: .free, in: PlanQuota.shipped) == .pro)
        #expect(PlanQuota.largerPlan(forMembersThan: .pro, in: PlanQuota.shipped) == .business)
        var quotas = PlanQuota.shipped
        quotas[.pro]?.members = 5
        #expect(PlanQuota.largerPlan(forMembersThan: .free, in: quotas) == .business)
        #expect(PlanQuota.largerPlan(forMembersThan: .business, in: quotas) == nil)
    }

    @Test func theErrorSaysThePlanTheLimitAndWhatToDo() {
        let error = PlanQuota.membersExceeded(org: "acme", plan: .free, allowed: 5, count: 5, quotas: PlanQuota.shipped)
        #expect(error.kind == .conflict)
        #expect(error.message == "acme is on the free plan, which allows 5 members (5 now)")
        #expect(error.hint?.contains("brokle orgs update acme --plan pro") == true)
    }
}
