@testable import BrokleCore
@testable import BrokleGateway
import NIOCore
import Testing

/// What one side of captured content becomes: read only up to the cap (and a margin when
/// redacting), so a value cut by the cap is still masked whole and a large body costs what the cap costs.
@Suite struct CapturedContentTests {
    @Test func aLargeBodyIsReadOnlyToTheCapAndItsLengthKept() {
        let body = ByteBuffer(string: #"{"messages":[{"role":"user","content":""# + String(repeating: "é", count: 50_000) + #""}]}"#)
        let (text, bytes) = CapturedContent.side(body, mode: .full, maximumBytes: 1_000)
        #expect(text.utf8.count <= 1_000 && text.utf8.count >= 998)
        #expect(bytes == body.readableBytes)
        #expect(!text.contains("\u{FFFD}"), "cut on a character boundary")
    }

    @Test func aValueTheCapCutsThroughIsStillMaskedWhole() {
        let prefix = #"{"messages":[{"role":"user","content":""# + String(repeating: "a ", count: 480)
        let body = ByteBuffer(string: prefix + "write to jonathan.appleseed@example.com today" + #""}]}"#)
        // The cap falls inside the address.
        let cap = prefix.utf8.count + "write to jonathan.app".utf8.count
        let (text, bytes) = CapturedContent.side(body, mode: .redacted, maximumBytes: cap)
        #expect(!text.contains("jonathan"), "no part of the address is kept")
        #expect(text.utf8.count <= cap)
        #expect(bytes > text.utf8.count, "the cut is marked")
        let (whole, _) = CapturedContent.side(body, mode: .redacted, maximumBytes: 100_000)
        #expect(whole.contains("[EMAIL") && !whole.contains("appleseed"))
    }

    @Test func valuesOutsideStringsAreMaskedToo() {
        let body = ByteBuffer(string: #"{"card": 4111111111111111, "alice.smith@example.com": "key as address"}"#)
        let (text, _) = CapturedContent.side(body, mode: .redacted, maximumBytes: 10_000)
        #expect(!text.contains("4111111111111111") && !text.contains("alice.smith"))
    }

    /// The guardrails gave the client its own values back in the answer (`restore`): the stored
    /// answer holds the placeholders the provider saw, not the values.
    @Test func restoredValuesAreMaskedAgainInTheStoredAnswer() {
        let answer = ByteBuffer(string: #"{"content":"Mail bob@example.com or \"q\"@x.io; bob@example.com again"}"#)
        let stored = CapturedContent.remasked(answer, ["[EMAIL_1]": "bob@example.com", "[EMAIL_2]": #""q"@x.io"#])
        let text = String(buffer: stored)
        #expect(!text.contains("bob@example.com") && !text.contains("x.io"))
        #expect(text.contains("[EMAIL_1]") && text.contains("[EMAIL_2]"))
        #expect(CapturedContent.remasked(answer, nil) == answer)
    }
}

@Suite struct ContentBudgetTests {
    /// Past the cap nothing more is copied, not even a later piece that would fit: the stored
    /// answer is its beginning, never one with a hole in the middle.
    @Test func copyingStopsAtTheFirstPieceThatDoesNotFit() {
        var budget = ContentBudget(limit: 10)
        var text = ""
        for piece in ["abcd", "efgh", "ijklmn", "o"] { budget.append(piece, to: &text) }
        #expect(text == "abcdefgh")
        #expect(budget.copied == 8 && budget.dropped == 7)
    }
}
