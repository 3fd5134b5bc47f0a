/// A small, fast, deterministic random source (SplitMix64): the same seed gives the same sequence on
/// every machine, for demo data (`Seed/`), the mock provider's text and failures (`Providers/Mock/`)
/// and tests of anything random (routing weights, jitter). Pure arithmetic, so it lives in Core,
/// below both of its users.
package struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed from text (64-bit FNV-1a): the same text gives the same seed on every machine.
    package static func seed(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(1_469_598_103_934_665_603)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    /// A uniform value in 0..<1.
    package mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
