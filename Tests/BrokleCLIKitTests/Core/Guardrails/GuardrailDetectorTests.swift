@testable import BrokleCore
import Testing

/// What the detector finds in a text, as the values it covers.
struct Detected: Equatable, CustomStringConvertible {
    var entity: GuardrailEntity
    var detail: String
    var value: String

    init(_ entity: GuardrailEntity, _ detail: String, _ value: String) {
        self.entity = entity
        self.detail = detail
        self.value = value
    }

    var description: String { "\(entity)/\(detail) \(value.debugDescription)" }

    static func all(in text: String, only: Set<GuardrailEntity>? = nil, detector: GuardrailDetector = GuardrailDetector()) -> [Detected] {
        let bytes = Array(text.utf8)
        return detector.findings(in: text, only: only).map { finding in
            Detected(finding.entity, finding.detail, String(decoding: bytes[finding.range], as: UTF8.self))
        }
    }

    static func values(in text: String, _ entity: GuardrailEntity) -> [String] {
        all(in: text, only: [entity]).map(\.value)
    }
}

@Suite struct GuardrailDetectorTests {
    @Test func emails() {
        #expect(
            Detected.all(in: "write to jane.doe+news@mail.example.co.uk, thanks") == [
                Detected(.email, "email", "jane.doe+news@mail.example.co.uk")
            ])
        #expect(
            Detected.values(in: "<bob@example.com>. Or (alice_1@sub.example.org).", .email) == [
                "bob@example.com", "alice_1@sub.example.org",
            ])
        #expect(Detected.values(in: "mailto:ops@brokle.dev.", .email) == ["ops@brokle.dev"])
    }

    @Test func emailLookalikesAreNot() {
        for text in [
            "git@github.com:org/repo.git", "user@localhost", "a@b.c", "icon@2x.png", "@@@", "x@-bad.com", "name@domain.123",
            "v1.2@3.4", "@handle on twitter", String(repeating: "a", count: 70) + "@example.com",
        ] {
            #expect(Detected.values(in: text, .email).isEmpty, "\(text)")
        }
    }

    @Test func phones() {
        let cases: [(String, String)] = [
            ("Call (415) 555-0100 today", "(415) 555-0100"),
            ("office: 415-555-0100.", "415-555-0100"),
            ("at 415.555.0100", "415.555.0100"),
            ("toll free 1-800-555-0199", "1-800-555-0199"),
            ("reach me on +1 415 555 0100", "+1 415 555 0100"),
            ("London 020 7946 0958", "020 7946 0958"),
            ("mob 07700 900123", "07700 900123"),
            ("Berlin 030 12345678", "030 12345678"),
            ("Tel 030/12345678", "030/12345678"),
            ("caller_id=617-555-0172 status=missed", "617-555-0172"),
            ("call me at 555-0100", "555-0100"),
            ("Paris 01 23 45 67 89", "01 23 45 67 89"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("+49 30 12345678", "+49 30 12345678"),
            ("E.164 +14155550100", "+14155550100"),
            ("phone: 4155550100", "4155550100"),
            ("Tel. +33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ]
        for (text, value) in cases {
            #expect(Detected.values(in: text, .phone) == [value], "\(text)")
        }
    }

    @Test func phoneLookalikesAreNot() {
        for text in [
            "on 2024-01-15 at 10:30", "15.01.2024", "version 1.2.3", "host 192.168.100.200", "order 4155550100",
            "Order #415-555-0100", "invoice 12345678", "id 550e8400-e29b-41d4-a716-446655440000",
            "sha 3a7bd3e2360a3d29eea436fcfb7e44c735d117c4", "card 4111 1111 1111 1112", "tracking 1Z999AA10123456784",
            "FedEx 7489 2340 1234", "price $1,234.56 or €12 345 678", "SKU-415-555-0100", "12:30:45", "ISBN 978-3-16-148410-0",
            "2024-01-15T10:30:00Z", "1999-2024", "12345678", "between 10 and 20",
            "Part no. 206-581-4262-HB", "Customer ID CUST-56992719", "Model 598-389-060X", "Coordinates: -31.752555, 109.462156",
            "Deadline: 02/18/2023 23:59:59", "Meeting on 07.08.2023 at 17:15", "555-0100", "created_at=1700811922",
            "Boston, MA 02110-1301, USA",
        ] {
            #expect(Detected.values(in: text, .phone).isEmpty, "\(text)")
        }
    }

    @Test func cards() {
        #expect(Detected.all(in: "visa 4111 1111 1111 1111 exp 12/29") == [Detected(.card, "visa", "4111 1111 1111 1111")])
        #expect(Detected.all(in: "mc 5555-5555-5555-4444;") == [Detected(.card, "mastercard", "5555-5555-5555-4444")])
        #expect(Detected.all(in: "amex 378282246310005") == [Detected(.card, "amex", "378282246310005")])
        #expect(Detected.all(in: "discover 6011111111111117") == [Detected(.card, "discover", "6011111111111117")])
        #expect(Detected.all(in: "jcb 3530111333300000") == [Detected(.card, "jcb", "3530111333300000")])
        #expect(Detected.all(in: "diners 30569309025904") == [Detected(.card, "diners", "30569309025904")])
        #expect(Detected.all(in: "mc2 2223003122003222") == [Detected(.card, "mastercard", "2223003122003222")])
        #expect(Detected.values(in: "4111 1111 1111 1111 123", .card) == ["4111 1111 1111 1111"])
    }

    @Test func cardLookalikesAreNot() {
        for text in [
            "4111 1111 1111 1112", "1234567890123456", "41111111111111111111", "4111-1111 1111-1111", "a4111111111111111",
            "9111111111111111",
        ] {
            #expect(Detected.values(in: text, .card).isEmpty, "\(text)")
        }
    }

    @Test func ibans() {
        #expect(Detected.values(in: "IBAN: DE89 3704 0044 0532 0130 00.", .iban) == ["DE89 3704 0044 0532 0130 00"])
        #expect(Detected.values(in: "GB82WEST12345698765432 paid", .iban) == ["GB82WEST12345698765432"])
        #expect(Detected.values(in: "FR1420041010050500013M02606", .iban) == ["FR1420041010050500013M02606"])
        #expect(Detected.values(in: "DE89 3704 0044 0532 0130 01", .iban).isEmpty, "mod 97 fails")
        #expect(Detected.values(in: "DE89370400440532013000X", .iban).isEmpty, "too long")
        #expect(Detected.values(in: "ZZ89370400440532013000", .iban).isEmpty, "no such country")
    }

    @Test func ssns() {
        #expect(Detected.all(in: "SSN 078-05-1120 on file") == [Detected(.ssn, "ssn", "078-05-1120")])
        #expect(Detected.values(in: "ssn: 078051120", .ssn) == ["078051120"])
        #expect(Detected.values(in: "it is 219 09 9999", .ssn) == ["219 09 9999"])
        for text in [
            "000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000", "078051120", "order 078-05-1120", "1078-05-1120",
        ] {
            #expect(Detected.values(in: text, .ssn).isEmpty, "\(text)")
        }
    }

    @Test func ipAddresses() {
        #expect(Detected.all(in: "from 10.0.0.1:8080") == [Detected(.ip, "ipv4", "10.0.0.1")])
        #expect(Detected.values(in: "net 192.168.1.0/24 and 255.255.255.255.", .ip) == ["192.168.1.0", "255.255.255.255"])
        #expect(
            Detected.all(in: "v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up") == [
                Detected(.ip, "ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334")
            ])
        #expect(
            Detected.values(in: "[2001:db8::1]:443, fe80::1ff:fe23:4567:890a and ::1", .ip) == ["2001:db8::1", "fe80::1ff:fe23:4567:890a"])
        #expect(Detected.values(in: "mapped ::ffff:192.0.2.128.", .ip) == ["::ffff:192.0.2.128"])
        for text in [
            "1.2.3", "1.2.3.4.5", "10.0.0.1.2", "256.1.1.1", "01.2.3.4", "version 1.2.3.4", "mac 00:1A:2B:3C:4D:5E", "at 12:30:45",
            "Foo::Bar", "a::b::c", "eui 00:1a:2b:3c:4d:5e:6f:70", "std::vector", "1:2:3:4:5:6:7", "::", "::1", "127.0.0.1", "0.0.0.0",
            "OID 1.3.6.1.4.1.13511.7",
            "section 10.1.2.3",
        ] {
            #expect(Detected.values(in: text, .ip).isEmpty, "\(text)")
        }
    }

    @Test func numbersAreNotSwallowedByTheOnesBefore() {
        #expect(Detected.all(in: "order 4155550100 or call 415-555-0100").map(\.value) == ["415-555-0100"])
        #expect(Detected.all(in: "4111111111111112 10.0.0.1").map(\.value) == ["10.0.0.1"])
        #expect(Detected.all(in: "Reach me at +31 6 6819 8352 (ask for Priya)").map(\.value) == ["+31 6 6819 8352"])
        #expect(Detected.all(in: "Mon numéro est le +55 11 93636-9916, merci").map(\.value) == ["+55 11 93636-9916"])
    }

    @Test func offsetsCountUTF8BytesOfTheTextBefore() {
        let text = "Grüße, 日本語 🙂 — mail jörg@example.de? nein: joerg@example.de, card 4111111111111111"
        let findings = GuardrailDetector().findings(in: text)
        let bytes = Array(text.utf8)
        #expect(
            findings.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [
                "jörg@example.de", "joerg@example.de", "4111111111111111",
            ])
        #expect(findings[1].range.lowerBound == Array("Grüße, 日本語 🙂 — mail jörg@example.de? nein: ".utf8).count)
        #expect(Detected.values(in: "邮箱bob@example.com", .email) == ["bob@example.com"])
    }

    @Test func overlapsKeepTheSurerThenTheLonger() {
        // The key is also the value of `api_key=`: the key's own format is surer.
        let key = "sk-proj-" + String(repeating: "a1B2", count: 12)
        #expect(Detected.all(in: "OPENAI_API_KEY=\(key)") == [Detected(.secret, "openai_key", key)])
        // An IPv4 address inside an IPv6 one: the longer.
        #expect(Detected.all(in: "::ffff:10.1.2.3") == [Detected(.ip, "ipv6", "::ffff:10.1.2.3")])
        let resolved = GuardrailOverlaps.resolve([
            GuardrailFinding(entity: .phone, detail: "national", range: 0..<10, confidence: 0.8),
            GuardrailFinding(entity: .ssn, detail: "ssn", range: 2..<8, confidence: 0.9),
            GuardrailFinding(entity: .ip, detail: "ipv4", range: 8..<14, confidence: 0.9),
            GuardrailFinding(entity: .email, detail: "email", range: 20..<30, confidence: 0.5),
        ])
        #expect(resolved.map(\.range) == [2..<8, 8..<14, 20..<30])
        // A long chain of overlaps (settled by marking bytes, not by comparing pairs).
        let chain = (0..<40).map { index in
            GuardrailFinding(
                entity: .phone, detail: "national", range: (index * 5)..<(index * 5 + 8), confidence: index % 2 == 0 ? 0.9 : 0.8)
        }
        #expect(GuardrailOverlaps.resolve(chain.reversed()).map(\.range) == stride(from: 0, to: 40, by: 2).map { ($0 * 5)..<($0 * 5 + 8) })
    }

    @Test func onlyRunsTheScannersAskedFor() {
        let text = "bob@example.com 4111111111111111 10.0.0.1"
        #expect(Detected.all(in: text, only: [.card]).map(\.entity) == [.card])
        #expect(Detected.all(in: text, only: [.email, .ip]).map(\.entity) == [.email, .ip])
        #expect(Detected.all(in: text, only: []).isEmpty)
    }

    struct Substring: GuardrailMatcher {
        let needle: [UInt8]
        func matches(in utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
            guard utf8.count >= needle.count else { return [] }
            var ranges: [Range<Int>] = []
            var index = 0
            while index + needle.count <= utf8.count {
                if Array(utf8[index..<index + needle.count]) == needle {
                    ranges.append(index..<index + needle.count)
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return ranges
        }
    }

    @Test func customEntitiesComeFromTheirMatchers() {
        let project = GuardrailEntity("project_code")
        let detector = GuardrailDetector(custom: [(project, Substring(needle: Array("PRJ-7".utf8)))])
        #expect(
            Detected.all(in: "see PRJ-7 and bob@example.com", detector: detector) == [
                Detected(project, "project_code", "PRJ-7"), Detected(.email, "email", "bob@example.com"),
            ])
        #expect(Detected.all(in: "see PRJ-7", only: [.email], detector: detector).isEmpty)
        #expect(detector.findings(in: "PRJ-7").first?.confidence == 1)
        struct Careless: GuardrailMatcher {
            func matches(in utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] { [0..<0, 2..<(utf8.count + 5), 0..<1] }
        }
        let careless = GuardrailDetector(custom: [(project, Careless())])
        #expect(careless.findings(in: "abc").map(\.range) == [0..<1])
    }
}
