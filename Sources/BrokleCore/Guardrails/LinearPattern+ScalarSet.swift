extension LinearPattern {
    /// A set of Unicode scalar values as sorted, disjoint, non-adjacent closed ranges: what one
    /// position of a pattern (a literal, `.`, a class) may match before it becomes UTF-8 bytes.
    struct ScalarSet: Equatable {
        private(set) var ranges: [ClosedRange<UInt32>]

        init(_ ranges: [ClosedRange<UInt32>] = []) {
            self.ranges = []
            for range in ranges { insert(range) }
        }

        static let maxScalar: UInt32 = 0x10FFFF
        static let surrogates: ClosedRange<UInt32> = 0xD800...0xDFFF

        static func scalar(_ value: UInt32) -> ScalarSet { ScalarSet([value...value]) }

        var isEmpty: Bool { ranges.isEmpty }

        mutating func insert(_ range: ClosedRange<UInt32>) {
            ranges.append(range)
            ranges.sort { $0.lowerBound < $1.lowerBound }
            var merged: [ClosedRange<UInt32>] = []
            for range in ranges {
                if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            ranges = merged
        }

        mutating func formUnion(_ other: ScalarSet) {
            for range in other.ranges { insert(range) }
        }

        /// Every scalar value not in the set (surrogates are never scalars).
        func inverted() -> ScalarSet {
            var result: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for range in ranges {
                if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
                next = range.upperBound + 1
            }
            if next <= Self.maxScalar { result.append(next...Self.maxScalar) }
            return ScalarSet(result).subtracting(Self.surrogates)
        }

        func subtracting(_ removed: ClosedRange<UInt32>) -> ScalarSet {
            var result: [ClosedRange<UInt32>] = []
            for range in ranges {
                if range.upperBound < removed.lowerBound || range.lowerBound > removed.upperBound {
                    result.append(range)
                    continue
                }
                if range.lowerBound < removed.lowerBound { result.append(range.lowerBound...(removed.lowerBound - 1)) }
                if range.upperBound > removed.upperBound { result.append((removed.upperBound + 1)...range.upperBound) }
            }
            return ScalarSet(result)
        }

        /// The set with each member's other case added: every ASCII letter, and the one-scalar
        /// upper- and lower-case mappings of other scalars in ranges of at most
        /// ``caseFoldingRangeLimit`` (so `(?i)[^a]` does not walk the whole of Unicode).
        func caseFolded() -> ScalarSet {
            var result = self
            for range in ranges {
                let ascii = range.clamped(to: 0...0x7F)
                if range.overlaps(0...0x7F) {
                    let lower = ascii.clamped(to: 0x61...0x7A)
                    if range.overlaps(0x61...0x7A) { result.insert((lower.lowerBound - 0x20)...(lower.upperBound - 0x20)) }
                    let upper = ascii.clamped(to: 0x41...0x5A)
                    if range.overlaps(0x41...0x5A) { result.insert((upper.lowerBound + 0x20)...(upper.upperBound + 0x20)) }
                }
                guard range.upperBound >= 0x80, range.count <= Self.caseFoldingRangeLimit else { continue }
                for value in max(range.lowerBound, 0x80)...range.upperBound {
                    guard let scalar = Unicode.Scalar(value) else { continue }
                    for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
                        let scalars = mapping.unicodeScalars
                        if scalars.count == 1, let other = scalars.first { result.insert(other.value...other.value) }
                    }
                }
            }
            return result
        }

        static let caseFoldingRangeLimit = 512
    }
}
