@testable import BrokleCore
import Foundation
import Testing

/// Masking, restoring and holding back: the parts of guardrails that change text.
@Suite struct GuardrailMaskingTests {
    static func screen(
        _ rules: [GuardrailEntity: GuardrailAction], fallback: GuardrailAction? = nil, direction: GuardrailDirection = .input
    )
        -> GuardrailScreen
    {
        var policy = GuardrailRules()
        policy.actions = rules
        policy.fallback = fallback
        return GuardrailScreen(detector: GuardrailDetector(), rules: policy, direction: direction)
    }

    @Test func theSameValueGetsTheSamePlaceholderAndRestoresExactly() throws {
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        let text = "From ann@example.com to bob@example.org, again ann@example.com — ünïcode"
        let masked = try #require(try Self.screen([.email: .mask]).apply(text, masker: &masker, tally: &tally))
        #expect(masked == "From [EMAIL_1] to [EMAIL_2], again [EMAIL_1] — ünïcode")
        #expect(masker.restore(masked) == text)
        #expect(tally.headerText == "input.email.mask=3")
        #expect(masker.restore("no placeholders [NOT_ONE] [EMAIL_9] [") == nil)
    }

    @Test func blockThrowsNamingTheEntityAfterCountingIt() {
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        #expect(throws: GuardrailScreen.Blocked(entity: .email)) {
            try Self.screen([.email: .block]).apply("write ann@example.com", masker: &masker, tally: &tally)
        }
        #expect(tally.jsonText == #"[{"direction":"input","entity":"email","action":"block","count":1}]"#)
    }

    @Test func logCountsAndLeavesTheTextAlone() throws {
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        #expect(try Self.screen([:], fallback: .log).apply("ann@example.com", masker: &masker, tally: &tally) == nil)
        #expect(tally.headerText == "input.email.log=1")
        #expect(Self.screen([.email: .off]).isOff)
    }

    @Test func outputPlaceholdersAreNotRestored() {
        var masker = GuardrailMasker()
        _ = masker.placeholder(for: "ann@example.com", entity: .email, restorable: true)
        let produced = masker.placeholder(for: "new@example.com", entity: .email, restorable: false)
        #expect(produced == "[EMAIL_2]")
        #expect(masker.restore("[EMAIL_1] and [EMAIL_2]") == "ann@example.com and [EMAIL_2]")
    }

    @Test func theRewriterChangesOnlyStringValuesOutsideSkippedKeys() throws {
        let body =
            #"{"model":"ann@example.com", "messages":[{"role":"user","content":"hi ann@example.com\n"}],"n":1.50,"tools":[{"d":"x@y.io"}]}"#
        let rewritten = JSONStringRewriter.rewrite(Array(body.utf8), skipping: ["model", "tools"]) { path, text in
            #expect(path.first == .key("messages"))
            return text.replacingOccurrences(of: "ann@example.com", with: "[EMAIL_1]")
        }
        let text = String(decoding: try #require(rewritten), as: UTF8.self)
        #expect(
            text
                == #"{"model":"ann@example.com", "messages":[{"role":"user","content":"hi [EMAIL_1]\n"}],"n":1.50,"tools":[{"d":"x@y.io"}]}"#
        )
        #expect(JSONStringRewriter.rewrite(Array(#"{"a":"b"}"#.utf8)) { _, _ in nil } == nil)
        #expect(JSONStringRewriter.rewrite(Array(#"{"a":"b""#.utf8)) { _, _ in "c" } == nil, "not JSON: nothing rewritten")
    }

    /// However a text is cut into deltas, what the stream releases is the whole text restored.
    @Test(arguments: 0..<40)
    func aStreamReleasesTheRestoredTextWhateverTheCuts(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &+ 7)
        var masker = GuardrailMasker()
        for value in ["ann@example.com", "bob@example.org", "c@d.io"] {
            _ = masker.placeholder(for: value, entity: .email, restorable: true)
        }
        let model = "Dear [EMAIL_1], [EMAIL_2] says [EMAIL_3][EMAIL_1] and [EMAIL_9] [not [EMAIL_ ] ü [EMAIL_2]"
        let expected = masker.restore(model)
        for output in [false, true] {
            var stream = GuardrailTextStream()
            var tally = GuardrailTally()
            let screen = output ? Self.screen([:], fallback: .mask, direction: .output) : nil
            var released = ""
            var rest = Substring(model)
            while !rest.isEmpty {
                let size = min(rest.count, Int(random.next() % 7) + 1)
                released += stream.feed(String(rest.prefix(size)), screen: screen, masker: &masker, restore: true, tally: &tally)
                rest = rest.dropFirst(size)
            }
            released += stream.flush(screen: screen, masker: &masker, restore: true, tally: &tally)
            #expect(released == expected)
            #expect(!stream.isHolding)
        }
    }

    /// Masking then restoring gives back the text exactly, whatever the values and the text around
    /// them (a value twice, values side by side, non-ASCII around them).
    @Test(arguments: 0..<200)
    func maskThenRestoreIsTheIdentity(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 31 &+ 5)
        let values = [
            "ann@example.com", "+1 415 555 0100", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "078-05-1120", "10.1.2.3",
            "fe80::1", "AKIAIOSFODNN7EXAMPLE", "[EMAIL_1]", "ünï", "word", " ", "\n", "—", "[", "]",
        ]
        var text = ""
        for _ in 0..<(Int(random.next() % 12) + 1) {
            text += values[Int(random.next() % UInt64(values.count))] + (random.next() % 2 == 0 ? " " : "")
        }
        var masker = GuardrailMasker()
        masker.reserveLiterals(in: Array(text.utf8))
        var tally = GuardrailTally()
        let masked = try Self.screen([:], fallback: .mask).apply(text, masker: &masker, tally: &tally)
        #expect((masked.flatMap { masker.restore($0) } ?? text) == text, "\(text.debugDescription) → \(masked ?? "")")
    }

    @Test func outputChecksCatchAValueSplitAcrossDeltas() {
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        var stream = GuardrailTextStream()
        let screen = Self.screen([:], fallback: .mask, direction: .output)
        var released = ""
        for piece in ["write to jo", "hn.smith@exa", "mple.com soon"] {
            released += stream.feed(piece, screen: screen, masker: &masker, restore: false, tally: &tally)
        }
        released += stream.flush(screen: screen, masker: &masker, restore: false, tally: &tally)
        #expect(released == "write to [EMAIL_1] soon")
        #expect(tally.headerText == "output.email.mask=1")
    }
}

/// What the request-side walk screens and what it leaves alone, and restoring into JSON text.
@Suite struct GuardrailFieldsTests {
    static let fields = JSONStringRewriter.Fields(skipped: ["user", "id", "type", "media_type"], freeForm: ["input"], textOnly: ["data"])

    static func screened(_ json: String) -> String {
        switch JSONStringRewriter.rewriting(
            Array(json.utf8), fields: fields, { _, text in text.replacingOccurrences(of: "a@b.io", with: "[E]") })
        {
        case .rewritten(let bytes): String(decoding: bytes, as: UTF8.self)
        case .unchanged: json
        case .unreadable: "unreadable"
        }
    }

    @Test func insideAToolCallsInputEveryKeyIsTheClients() {
        let body =
            #"{"user":"a@b.io","messages":[{"content":[{"type":"tool_use","id":"a@b.io","input":{"user":"a@b.io","id":"a@b.io"}}]}]}"#
        #expect(
            Self.screened(body)
                == #"{"user":"a@b.io","messages":[{"content":[{"type":"tool_use","id":"a@b.io","input":{"user":"[E]","id":"[E]"}}]}]}"#)
    }

    @Test func aDocumentsDataIsScreenedOnlyWhenItIsText() {
        #expect(
            Self.screened(#"{"source":{"type":"text","media_type":"text/plain","data":"mail a@b.io"}}"#)
                == #"{"source":{"type":"text","media_type":"text/plain","data":"mail [E]"}}"#)
        #expect(
            Self.screened(#"{"source":{"data":"mail a@b.io","media_type":"text/plain"}}"#)
                == #"{"source":{"data":"mail [E]","media_type":"text/plain"}}"#, "the type may come after the data")
        let image = #"{"source":{"type":"base64","media_type":"image/png","data":"a@b.io"}}"#
        #expect(Self.screened(image) == image)
    }

    @Test func aStringThatCannotBeDecodedMakesTheBodyUnreadable() {
        #expect(Self.screened(#"{"content":"a@b.io \uZZZZ"}"#) == "unreadable")
    }

    @Test func valuesRestoredIntoJSONTextAreEscaped() {
        var masker = GuardrailMasker()
        _ = masker.placeholder(for: #"pa"ss\word"#, entity: .secret, restorable: true)
        #expect(masker.restore(#"{"p":"[SECRET_1]"}"#, inJSON: true) == #"{"p":"pa\"ss\\word"}"#)
        #expect(masker.restore("[SECRET_1]") == #"pa"ss\word"#)
    }

    @Test func aStreamedJWTIsHeldUntilItEndsAndMaskedWhole() {
        let jwt =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        let text = String(repeating: "plain words here. ", count: 30) + "token " + jwt + String(repeating: " and more words", count: 40)
        var masker = GuardrailMasker()
        var tally = GuardrailTally()
        var stream = GuardrailTextStream()
        let screen = GuardrailScreen(detector: GuardrailDetector(), rules: GuardrailRules(fallback: .mask), direction: .output)
        var released = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            released += stream.feed(String(rest.prefix(7)), screen: screen, masker: &masker, restore: false, tally: &tally)
            rest = rest.dropFirst(7)
        }
        released += stream.flush(screen: screen, masker: &masker, restore: false, tally: &tally)
        #expect(!released.contains("eyJ"))
        #expect(released.contains("token [SECRET_1] and more"))
    }
}
