@testable import BrokleCore
@testable import BrokleGateway
import Testing

/// Request ids sort by the time they were made (the traces table's id index grows at its end) and
/// stay unique within a millisecond.
@Suite struct RequestIDTests {
    @Test func laterIdsSortLaterAndTheLayoutIsFixed() {
        let first = RequestID.make(milliseconds: 1_764_547_200_000, random: (.max, .max))
        let second = RequestID.make(milliseconds: 1_764_547_200_001, random: (0, 0))
        #expect(first < second)
        #expect(first.count == 36 && first.hasPrefix("req_"))
        #expect(first.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(
            RequestID.make(milliseconds: 0x0123_4567_89ab, random: (0xcdef, 0x1122_3344_5566_7788))
                == "req_0123456789abcdef1122334455667788")
    }

    @Test func idsMadeInOneMillisecondDiffer() {
        var random = SystemRandomNumberGenerator()
        let ids = (0..<10_000).map { _ in RequestID.make(milliseconds: 42, random: (random.next(), random.next())) }
        #expect(Set(ids).count == ids.count)
    }

    @Test func theGatewaysIdsAreTimeOrdered() async throws {
        let earlier = GatewayResponses.requestID([:])
        try await Task.sleep(for: .milliseconds(2))
        #expect(earlier < GatewayResponses.requestID([:]))
    }
}
