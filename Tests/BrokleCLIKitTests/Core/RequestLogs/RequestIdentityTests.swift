@testable import BrokleCore
import Testing

@Suite struct RequestIdentityTests {
    @Test func tagsAreTrimmedDeduplicatedAndBounded() throws {
        #expect(try RequestIdentity.tags(header: " checkout, beta ,checkout,,") == ["checkout", "beta"])
        #expect(try RequestIdentity.tags(header: nil).isEmpty)
        #expect(throws: GatewayError.self) { try RequestIdentity.tags(header: "has space") }
        #expect(throws: GatewayError.self) { try RequestIdentity.tags(header: "quote\"") }
        #expect(throws: GatewayError.self) { try RequestIdentity.tags(header: String(repeating: "a", count: 65)) }
        let seventeen = (1...17).map { "t\($0)" }.joined(separator: ",")
        #expect(throws: GatewayError.self) { try RequestIdentity.tags(header: seventeen) }
        #expect(RequestIdentity.tagsJSON(["a", "b:c"]) == #"["a","b:c"]"#)
    }

    @Test func metadataMustBeAFlatBoundedObject() throws {
        #expect(try RequestIdentity.metadata(header: #"{"feature": "search", "n": 3, "beta": true, "x": null}"#) != nil)
        #expect(try RequestIdentity.metadata(header: "{}") == nil)
        #expect(try RequestIdentity.metadata(header: "  ") == nil)
        for bad in [
            "[1]", "not json", #"{"a": {"b": 1}}"#, #"{"a": [1]}"#, #"{"": 1}"#, "{\"a\": 1",
            "{\"" + String(repeating: "k", count: 65) + "\": 1}",
            "{" + (0..<33).map { "\"k\($0)\": 1" }.joined(separator: ",") + "}",
            "{\"a\": \"" + String(repeating: "v", count: 4_100) + "\"}",
            #"{"a":"\q"}"#, #"{"a":+1}"#, #"{"a":1.2.3}"#, #"{"a":"\u0000"}"#,
        ] {
            #expect(throws: GatewayError.self, "\(bad.prefix(40))") { try RequestIdentity.metadata(header: bad) }
        }
        do {
            _ = try RequestIdentity.metadata(header: #"{"a": {"b": 1}}"#)
        } catch {
            #expect(error.status == 400)
            #expect(error.message.contains("x-brokle-metadata"))
        }
    }

    @Test func identifiersAreTrimmedAndBounded() throws {
        #expect(try RequestIdentity.identifier("  user-42 ", name: "user") == "user-42")
        #expect(try RequestIdentity.identifier("   ", name: "user") == nil)
        #expect(throws: GatewayError.self) { try RequestIdentity.identifier(String(repeating: "u", count: 257), name: "user") }
        #expect(throws: GatewayError.self) { try RequestIdentity.identifier("a\u{1}b", name: "user") }
        #expect(throws: GatewayError.self) { try RequestIdentity.identifier("a\u{85}b", name: "user") }
        #expect(throws: GatewayError.self) { try RequestIdentity.identifier("evil\u{202E}gpj.exe", name: "user") }
    }

    @Test func contentIsCutOnACharacterBoundaryAndMarked() {
        let (text, bytes) = TraceContent.capped("héllo wörld", maximumBytes: 2)
        #expect(text == "h" && bytes == 13)
        let content = TraceContent(mode: .full, request: text, requestBytes: bytes, response: "ok")
        #expect(content.requestTruncated && !content.responseTruncated)
        #expect(TraceContent.capped("short", maximumBytes: 100) == ("short", 5))
    }
}
