@testable import BrokleCore
import Foundation
import Testing

@Suite struct AuditActorTests {
    @Test func brokleActorOverridesTheUser() {
        #expect(
            AuditActor.cli(override: "ops@acme.test", userName: "alice", hostName: "build-1")
                == AuditActor(name: "ops@acme.test", origin: "build-1"))
        #expect(AuditActor.cli(override: "  ", userName: "alice", hostName: "build-1").name == "cli:alice")
        #expect(AuditActor.cli(override: nil, userName: nil, hostName: nil) == AuditActor(name: "cli:unknown", origin: "cli"))
    }

    @Test func idsSortByTime() {
        let early = Date(timeIntervalSince1970: 1_800_000_000)
        let late = early.addingTimeInterval(0.002)
        let first = AuditID.make(at: early)
        #expect(first.hasPrefix("aud_") && first.count == 36)
        #expect(first < AuditID.make(at: late))
        #expect(AuditID.lowerBound(early) <= first && first < AuditID.lowerBound(late))
    }
}
