@testable import BrokleCore
import Foundation
import Testing

@Suite struct VectorIndexTests {
    /// A unit vector with a little of `seed` in every dimension, so different seeds are not orthogonal.
    static func unit(_ seed: Int, dimension: Int = 37) -> [Float] {
        let raw = (0..<dimension).map { Float(sin(Double(seed * 31 + $0 * 7))) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }

    @Test func anExactVectorFindsItself() {
        var index = VectorIndex(dimension: 37)  // 16 + 16 + 5: every path of the dot product.
        for seed in 0..<50 { index.append(Self.unit(seed), id: "e\(seed)") }
        #expect(index.count == 50)
        let hit = index.best(Self.unit(23), minimum: 0.5)
        #expect(hit?.id == "e23" && hit?.index == 23)
        #expect(abs((hit?.similarity ?? 0) - 1) < 1e-5)
        #expect(index.vector(at: 23) == Self.unit(23))
    }

    @Test func theThresholdExcludesWeakerMatches() {
        var index = VectorIndex(dimension: 37)
        index.append(Self.unit(1), id: "one")
        let query = Self.unit(2)
        let similarity = zip(query, Self.unit(1)).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(similarity < 0.99)
        #expect(index.best(query, minimum: similarity - 0.01)?.id == "one")
        #expect(index.best(query, minimum: 0.99) == nil)
        #expect(VectorIndex(dimension: 37).best(query, minimum: -1) == nil)
    }

    @Test func removeSwapsTheLastIntoTheHole() {
        var index = VectorIndex(dimension: 8)
        for seed in 0..<4 { index.append(Self.unit(seed, dimension: 8), id: "e\(seed)") }
        let removed = index.remove(id: "e1")
        let removedAgain = index.remove(id: "e1")
        #expect(removed && !removedAgain)
        #expect(index.ids == ["e0", "e3", "e2"])
        #expect(index.count == 3)
        #expect(index.best(Self.unit(1, dimension: 8), minimum: 0.9999) == nil)
        #expect(index.best(Self.unit(3, dimension: 8), minimum: 0.9999)?.index == 1)
        #expect(index.vector(at: 1) == Self.unit(3, dimension: 8))
        for id in ["e2", "e0", "e3"] { index.remove(id: id) }
        #expect(index.count == 0 && index.best(Self.unit(3, dimension: 8), minimum: -1) == nil)
    }

    @Test func vectorsRoundTripThroughLittleEndianBytes() {
        let vector: [Float] = [1, -0.5, 0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1]
        let bytes = VectorIndex.bytes(of: vector)
        #expect(bytes.count == 24)
        #expect(Array(bytes[0..<8]) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xBF])
        #expect(VectorIndex.vector(fromBytes: bytes) == vector)
        #expect(VectorIndex.vector(fromBytes: bytes.dropLast()) == nil)
        #expect(VectorIndex.vector(fromBytes: [UInt8]()) == [])
    }

    @Test func theSIMDDotProductMatchesTheScalarOne() {
        for dimension in [1, 7, 8, 9, 16, 24, 25, 512] {
            let a = Self.unit(3, dimension: dimension)
            let b = Self.unit(4, dimension: dimension)
            let scalar = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let simd = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in VectorIndex.dot(a.baseAddress!, b.baseAddress!, count: dimension) }
            }
            #expect(abs(simd - scalar) < 1e-5, "dimension \(dimension)")
        }
    }
}
