#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Random 64-bit values from the system's generator, fetched 32 at a time: one `getentropy` call
/// (its most: 256 bytes) serves 16 request ids, where `SystemRandomNumberGenerator` makes a system
/// call per value.
final class RandomPool: Sendable {
    static let shared = RandomPool()

    private static let size = 32
    private let state = Mutex<(values: [UInt64], next: Int)>(([UInt64](repeating: 0, count: RandomPool.size), RandomPool.size))

    /// Two random values.
    func pair() -> (UInt64, UInt64) {
        state.withLock { state in
            if state.next + 2 > Self.size {
                Self.fill(&state.values)
                state.next = 0
            }
            defer { state.next += 2 }
            return (state.values[state.next], state.values[state.next + 1])
        }
    }

    /// Refills `values` in place.
    private static func fill(_ values: inout [UInt64]) {
        let filled = values.withUnsafeMutableBytes { bytes -> Bool in
            #if canImport(Glibc)
                return getentropy(bytes.baseAddress!, bytes.count) == 0
            #else
                arc4random_buf(bytes.baseAddress!, bytes.count)
                return true
            #endif
        }
        if !filled {
            // Not expected (getentropy fails only on bad arguments); the generator still answers.
            var system = SystemRandomNumberGenerator()
            for index in values.indices { values[index] = system.next() }
        }
    }
}
