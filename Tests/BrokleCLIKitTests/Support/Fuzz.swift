@testable import BrokleCore
import PropertyBased

/// Builds random inputs for property checks. Each input is drawn from a ``SeededRandom`` seeded by
/// the property checker's own generator, so the seed the checker prints for a failure reproduces
/// that input exactly (`.fixedSeed(...)` on the test, locally).
struct Fuzz {
    var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// A generator for `propertyCheck` whose values `build` draws (no shrinking: these inputs are
    /// structured, and a failure prints the whole input with its seed).
    static func generator<T: Sendable>(_ build: @Sendable @escaping (inout Fuzz) -> T) -> Generator<T, Shrink.None<T>> {
        Generator(run: { rng in
            var fuzz = Fuzz(seed: rng.next())
            return build(&fuzz)
        })
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func chance(_ probability: Double) -> Bool { random.unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// `count` random bytes, mostly from `alphabet`, sometimes anything.
    mutating func bytes(_ count: Int, alphabet: [UInt8]) -> [UInt8] {
        (0..<count).map { _ in chance(0.9) ? pick(alphabet) : UInt8.random(in: 0...255, using: &random) }
    }

    /// `bytes` with a few random bytes replaced, inserted or removed.
    mutating func mutate(_ bytes: [UInt8], alphabet: [UInt8]) -> [UInt8] {
        var out = bytes
        for _ in 0..<int(1...4) {
            let position = out.isEmpty ? 0 : int(0...out.count - 1)
            switch int(0...2) {
            case 0 where !out.isEmpty: out[position] = chance(0.8) ? pick(alphabet) : UInt8.random(in: 0...255, using: &random)
            case 1: out.insert(pick(alphabet), at: position)
            default: if !out.isEmpty { out.remove(at: position) }
            }
        }
        return out
    }

    /// `bytes` cut into pieces of random sizes (some empty), in order.
    mutating func chunks(_ bytes: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let size = chance(0.1) ? 0 : int(1...max(1, min(bytes.count - start, pick([1, 3, 16, 200, 5000]))))
            pieces.append(Array(bytes[start..<start + size]))
            start += size
        }
        return pieces
    }
}
