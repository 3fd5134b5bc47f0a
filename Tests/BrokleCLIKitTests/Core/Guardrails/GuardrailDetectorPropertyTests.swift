@testable import BrokleCore
import PropertyBased
import Testing

/// Seeded property checks of the detector on random text: it never traps, and what it returns is
/// always in bounds, ordered, disjoint and on character boundaries.
@Suite struct GuardrailDetectorPropertyTests {
    static let pieces: [String] = "0123456789 -.:@+()_/=abcdefxyzABCDEFKIS#\n'\"".map(String.init) + ["é", "日", "€", "🙂"]
    static let seeds = [
        "bob@example.com", "+1 (415) 555-0100", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "078-05-1120", "2001:db8::1",
        "10.0.0.1", "sk-ant-api03-" + String(repeating: "a1", count: 30), "password=hunter22", "jörg@example.de",
        "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----", "postgres://u:p4ss@db.example",
    ]

    @Test func anyTextGivesOrderedDisjointRangesOnCharacterBoundaries() async {
        // Valid UTF-8 (a range's ends are checked against its characters): pieces, values and
        // values cut short, in any order.
        let input = Fuzz.generator { fuzz -> [UInt8] in
            var text = ""
            for _ in 0..<fuzz.int(0...16) {
                switch fuzz.int(0...3) {
                case 0: text += fuzz.pick(Self.seeds)
                case 1:
                    let seed = fuzz.pick(Self.seeds)
                    text += String(seed.prefix(fuzz.int(0...seed.count)))
                default: text += (0..<fuzz.int(0...30)).map { _ in fuzz.pick(Self.pieces) }.joined()
                }
            }
            return Array(text.utf8)
        }
        await propertyCheck(count: 500, input: input) { bytes in
            let findings = bytes.withUnsafeBufferPointer { GuardrailDetector().findings(in: $0) }
            var previousEnd = 0
            for finding in findings {
                #expect(finding.range.lowerBound >= previousEnd && !finding.range.isEmpty && finding.range.upperBound <= bytes.count)
                #expect(bytes[finding.range.lowerBound] & 0xC0 != 0x80, "starts inside a character")
                #expect(
                    finding.range.upperBound == bytes.count || bytes[finding.range.upperBound] & 0xC0 != 0x80, "ends inside a character")
                #expect((0...1).contains(finding.confidence))
                previousEnd = finding.range.upperBound
            }
        }
    }

    /// Any bytes at all, valid UTF-8 or not, and windowed when long: never a trap, and the ranges are
    /// in bounds, ordered and disjoint.
    @Test func anyBytesAreScannedSafely() async {
        let alphabet = Array("0123456789 -.:@+()_/=abcdefxyzAKIS#\n'\"\\".utf8) + [0x00, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        let input = Fuzz.generator { fuzz -> [UInt8] in
            var bytes = fuzz.bytes(fuzz.int(0...400), alphabet: alphabet)
            if fuzz.chance(0.05) { bytes += fuzz.bytes(GuardrailDetector.windowSize + fuzz.int(0...4000), alphabet: alphabet) }
            for _ in 0..<fuzz.int(0...3) {
                let seed = Array(fuzz.pick(Self.seeds).utf8)
                bytes.insert(contentsOf: seed.prefix(fuzz.int(0...seed.count)), at: fuzz.int(0...bytes.count))
            }
            return bytes
        }
        await propertyCheck(count: 300, input: input) { bytes in
            let findings = bytes.withUnsafeBufferPointer { GuardrailDetector().findings(in: $0) }
            var previousEnd = 0
            for finding in findings {
                #expect(finding.range.lowerBound >= previousEnd && !finding.range.isEmpty && finding.range.upperBound <= bytes.count)
                previousEnd = finding.range.upperBound
            }
        }
    }
}
