@testable import BrokleGateway
import Foundation
import Testing

/// Kept string text is escaped as `JSONSerialization` writes a string, so the assembled answer is
/// the JSON the decoding assembler wrote; its length is the decoded text's.
@Suite struct JSONTextTests {
    /// String literals as a provider may write them (the bytes between the quotes).
    static let literals = [
        #"plain words"#, #"line\nbreak\ttab\r"#, #"\"quoted\" and \\ backslash"#, #"a\/b"#, #"caf\u00e9 \u00E9"#,
        #"\u0041\u007f"#, #"bell\u0007 unit\u001f nul\u0000 \b\f"#, #"emoji \ud83d\ude00 and \uD83C\uDF89"#, "raw é漢😀",
        #"\u2028 \u0022 \u005c"#,
    ]

    @Test(arguments: literals)
    func textIsWrittenAsJSONSerializationWritesItAndMeasuredDecoded(_ literal: String) throws {
        let decoded = try #require(
            try JSONSerialization.jsonObject(with: Data("\"\(literal)\"".utf8), options: .fragmentsAllowed) as? String)
        let written = try JSONSerialization.data(withJSONObject: [decoded], options: [.withoutEscapingSlashes])
        var text: [UInt8] = []
        let length = Array(literal.utf8).withUnsafeBytes { JSONText.append($0, to: &text) }
        #expect(text == Array(written.dropFirst(2).dropLast(2)), "\(String(decoding: text, as: UTF8.self))")
        #expect(length == decoded.utf8.count)
        #expect(Array(literal.utf8).withUnsafeBytes { JSONText.decodedLength($0) } == decoded.utf8.count)
    }

    @Test func aLoneSurrogateIsNoCharacter() {
        var text: [UInt8] = []
        let length = Array(#"a\ud83db"#.utf8).withUnsafeBytes { JSONText.append($0, to: &text) }
        #expect(String(decoding: text, as: UTF8.self) == "a\u{FFFD}b" && length == 5)
    }

    @Test func keptTextUnescapedIsTheText() {
        var text: [UInt8] = []
        Array(#"{\"city\":\"Par\u00eds\",\"n\":\"a\nb\u0001\"}"#.utf8).withUnsafeBytes { _ = JSONText.append($0, to: &text) }
        #expect(String(decoding: JSONText.unescaped(text), as: UTF8.self) == "{\"city\":\"París\",\"n\":\"a\nb\u{01}\"}")
    }
}
