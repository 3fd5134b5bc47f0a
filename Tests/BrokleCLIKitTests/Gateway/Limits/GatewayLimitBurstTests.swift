@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import SQLKit
import Testing

/// A burst of requests on a counter this instance holds nothing of yet: they wait for one take
/// from the database together, and none is refused unless the database said no.
@Suite struct GatewayLimitBurstTests {
    static func burst(_ gateway: GatewayHarness, _ count: Int) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count { group.addTask { try await gateway.chat().status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func aBurstLargerThanOneSliceIsAdmittedWhileTheQuotaLasts() async throws {
        // 1,000 requests a month, taken 2 at a time (1 missing + 0.1 % of the quota): each take
        // admits two of the requests waiting for it.
        let configure: (inout GatewaySettings) -> Void = {
            $0.limits.sliceFraction = 0.001
            $0.plans[.free] = PlanQuota(monthlyRequests: 1_000, members: 5)
        }
        try await GatewayHarness.run(configure: configure) { gateway in
            let statuses = try await Self.burst(gateway, 40)
            #expect(statuses.filter { $0 == 200 }.count == 40, "refused: \(statuses.filter { $0 != 200 })")
        }
    }

    @Test func aBurstWhileTheDatabaseCannotBeAskedIsAdmitted() async throws {
        try await GatewayHarness.run { gateway in
            // Every take fails: the plan quota fails open for all the requests waiting, not just one.
            try await gateway.database.sql.raw("ALTER TABLE limit_counters RENAME TO limit_counters_away").run()
            let statuses = try await Self.burst(gateway, 20)
            #expect(statuses.filter { $0 == 200 }.count == 20, "refused: \(statuses.filter { $0 != 200 })")
            try await gateway.database.sql.raw("ALTER TABLE limit_counters_away RENAME TO limit_counters").run()
        }
    }
}
