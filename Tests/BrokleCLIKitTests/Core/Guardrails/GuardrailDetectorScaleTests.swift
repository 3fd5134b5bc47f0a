@testable import BrokleCore
import Testing

/// Long texts: the work grows linearly whatever the text (counted in the bytes the scanners
/// examine, not timed), and windows neither lose nor repeat a value at their edges.
@Suite struct GuardrailDetectorScaleTests {
    static let adversarial: [String] = [
        "a", "@", "1", "1 ", "a@", "a.", "-----BEGIN", "-----BEGIN RSA PRIVATE KEY-----\n", "eyJ", "eyJa.", "sk-", "::", "1.", "1:",
        "+1 ", "(1", "12-", "a@b.", "password=", "bk_", "hooks.slack.com/services/", "AKIA", "0 ", "f:", "-",
    ]

    func steps(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { GuardrailDetector().scan($0, only: nil).steps }
    }

    @Test(arguments: adversarial) func workGrowsLinearly(_ unit: String) {
        let size = 96 * 1024
        let small = String(repeating: unit, count: size / unit.utf8.count)
        let large = String(repeating: unit, count: 2 * size / unit.utf8.count)
        let smallSteps = steps(small)
        let largeSteps = steps(large)
        #expect(smallSteps <= 40 * small.utf8.count, "\(smallSteps) steps for \(small.utf8.count) bytes")
        #expect(Double(largeSteps) <= 2.2 * Double(smallSteps), "\(smallSteps) → \(largeSteps) steps when the text doubles")
    }

    @Test func valuesAcrossWindowEdgesAreFoundOnce() {
        let stride = GuardrailDetector.windowSize - GuardrailDetector.overlap
        let values = ["bob@example.com", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "10.20.30.40", "+44 20 7946 0958"]
        for value in values {
            for shift in [-20, -8, -1, 0, 1, 5] {
                let padding = stride + shift - 1
                let text = String(repeating: "x", count: padding) + " " + value + " " + String(repeating: "y", count: 70_000)
                let found = GuardrailDetector().findings(in: text)
                #expect(found.map(\.range) == [(padding + 1)..<(padding + 1 + value.utf8.count)], "\(value) at \(shift)")
            }
        }
        let pem =
            "-----BEGIN PRIVATE KEY-----\n" + String(repeating: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n", count: 100)
            + "-----END PRIVATE KEY-----"
        let text = String(repeating: "z ", count: (stride - 1000) / 2) + pem + String(repeating: " z", count: 40_000)
        #expect(Detected.all(in: text).map(\.value) == [pem])
    }

    @Test func aLongTextFindsEveryValueOnce() {
        let segment = "Mail bob@example.com or call +1 415 555 0100; card 4111 1111 1111 1111 from 10.0.0.1, naïve café ünïcödé. "
        let count = 3000
        let text = String(repeating: segment, count: count)
        #expect(text.utf8.count > 4 * GuardrailDetector.windowSize)
        let found = GuardrailDetector().findings(in: text)
        #expect(found.count == 4 * count)
        for entity in [GuardrailEntity.email, .phone, .card, .ip] {
            #expect(found.filter { $0.entity == entity }.count == count, "\(entity)")
        }
        let segmentBytes = segment.utf8.count
        #expect(found.allSatisfy { $0.range.lowerBound / segmentBytes == ($0.range.upperBound - 1) / segmentBytes })
    }
}
