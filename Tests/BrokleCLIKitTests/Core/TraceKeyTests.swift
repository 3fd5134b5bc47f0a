@testable import BrokleCore
import Testing

/// A trace id as the database keys it: a gateway id in 16 bytes, anything else kept whole, and
/// every id read back exactly as it was given.
@Suite struct TraceKeyTests {
    @Test func aGatewayIDPacksIntoSixteenBytes() {
        let id = RequestID.make(milliseconds: 1_764_547_200_000, random: (0xabcd, 0x1122_3344_5566_7788))
        let key = TraceKey.bytes(id)
        #expect(key.count == 16 && key[0] != 0)
        #expect(TraceKey.id(key) == id)
    }

    @Test(arguments: [
        "seed-demo-42", "t1", "", "req_", "req_0123456789ABCDEF0123456789abcdef", "req_00000000000000000000000000000001",
        "req_0123456789abcdef0123456789abcde", "req_0123456789abcdef0123456789abcdef0", "client-é-💡", "123456789012345",
    ])
    func anyOtherIDIsKeptWholeAfterAZeroByte(id: String) {
        let key = TraceKey.bytes(id)
        #expect(key.first == 0 && key.count == id.utf8.count + 1)
        #expect(TraceKey.id(key) == id)
    }

    @Test func laterGatewayIDsHaveGreaterKeys() {
        let first = TraceKey.bytes(RequestID.make(milliseconds: 1_764_547_200_000, random: (.max, .max)))
        let second = TraceKey.bytes(RequestID.make(milliseconds: 1_764_547_200_001, random: (0, 0)))
        #expect(first.lexicographicallyPrecedes(second))
    }
}
