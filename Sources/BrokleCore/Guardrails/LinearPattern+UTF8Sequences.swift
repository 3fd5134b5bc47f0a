extension LinearPattern {
    /// One way to spell a run of scalars in UTF-8: a byte range per position, so that every
    /// combination is a scalar of the run (`[E0][A0-BF][80-BF]` is U+0800…U+0FFF).
    typealias ByteSequence = [ClosedRange<UInt8>]

    /// The UTF-8 byte sequences, in order, that spell exactly the scalars of `range` (surrogates
    /// excluded): the range is cut where the encoded length changes and where a continuation byte
    /// would not cover its whole span, the way RE2 and Rust's regex compile classes to bytes.
    static func utf8Sequences(_ range: ClosedRange<UInt32>) -> [ByteSequence] {
        var result: [ByteSequence] = []
        var pending: [ClosedRange<UInt32>] = ScalarSet([range]).subtracting(ScalarSet.surrogates).ranges.reversed()
        nextRange: while var current = pending.popLast() {
            while true {
                for max: UInt32 in [0x7F, 0x7FF, 0xFFFF] where current.lowerBound <= max && max < current.upperBound {
                    pending.append((max + 1)...current.upperBound)
                    current = current.lowerBound...max
                }
                if current.upperBound <= 0x7F {
                    result.append([UInt8(current.lowerBound)...UInt8(current.upperBound)])
                    continue nextRange
                }
                var split = false
                for shift in 1..<4 {
                    let mask: UInt32 = (1 << (6 * UInt32(shift))) - 1
                    guard current.lowerBound & ~mask != current.upperBound & ~mask else { continue }
                    if current.lowerBound & mask != 0 {
                        pending.append(((current.lowerBound | mask) + 1)...current.upperBound)
                        current = current.lowerBound...(current.lowerBound | mask)
                        split = true
                        break
                    }
                    if current.upperBound & mask != mask {
                        pending.append((current.upperBound & ~mask)...current.upperBound)
                        current = current.lowerBound...((current.upperBound & ~mask) - 1)
                        split = true
                        break
                    }
                }
                if split { continue }
                let low = encode(current.lowerBound)
                let high = encode(current.upperBound)
                result.append(zip(low, high).map { $0...$1 })
                continue nextRange
            }
        }
        return result
    }

    static func encode(_ value: UInt32) -> [UInt8] {
        switch value {
        case 0..<0x80: [UInt8(value)]
        case 0x80..<0x800: [UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F)]
        case 0x800..<0x10000: [UInt8(0xE0 | value >> 12), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
        default:
            [UInt8(0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F)]
        }
    }
}
