@testable import BrokleCore
import Foundation
import PropertyBased
import Testing

@Suite struct JSONNestingTests {
    static func nested(_ levels: Int) -> String { String(repeating: "[", count: levels) + String(repeating: "]", count: levels) }

    @Test func countsBracketsOutsideStringsOnly() {
        #expect(JSONNesting.depth(of: Array("1".utf8)) == 0)
        #expect(JSONNesting.depth(of: Array(#"{"a":[1,{"b":[]}]}"#.utf8)) == 4)
        #expect(JSONNesting.depth(of: Array(#"["[[[[", "\"[[", "\\", [] ]"#.utf8)) == 2)
        #expect(JSONNesting.depth(of: Array(#"]]]]["#.utf8)) == 1, "a stray closer never lowers the count below zero")
        #expect(JSONNesting.depth(of: Data(Self.nested(300).utf8), stoppingAfter: 128) == 129, "stops once past the limit")
        #expect(JSONNesting.depth(of: Self.nested(300).utf8.lazy.map { $0 }) == 300, "non-contiguous sequences too")
    }

    @Test func theLimitIs128LevelsWithTheOutermostAsLevelOne() {
        #expect(JSONNesting.maxDepth == 128)
        #expect(JSONNesting.isWithinLimit(Array(Self.nested(128).utf8)))
        #expect(!JSONNesting.isWithinLimit(Array(Self.nested(129).utf8)))
    }

    @Test func aBoundedDecodeRefusesDeepJSONAndDecodesTheRest() throws {
        let decoder = JSONDecoder()
        #expect(throws: JSONNesting.TooDeep.self) { try decoder.decode(JSONValue.self, fromUntrusted: Data(Self.nested(1_000_000).utf8)) }
        #expect(throws: JSONNesting.TooDeep.self) { try decoder.decode(JSONValue.self, fromUntrusted: Self.nested(129).utf8) }
        #expect(try decoder.decode(JSONValue.self, fromUntrusted: Self.nested(128).utf8) != .null)
        #expect(throws: DecodingError.self) { try decoder.decode(JSONValue.self, fromUntrusted: Array("[1,".utf8)) }
    }

    /// The scan agrees with the depth counted while building the text, for every shape of JSON;
    /// the request scanner accepts exactly the objects within the limit.
    @Test func agreesWithAReferenceDepthCount() async {
        await propertyCheck(count: 300, input: Fuzz.generator { $0.jsonObject() }) { json in
            let bytes = Array(json.text.utf8)
            #expect(JSONNesting.depth(of: bytes) == json.depth)
            #expect(JSONNesting.isWithinLimit(bytes) == (json.depth <= JSONNesting.maxDepth))
            do throws(GatewayError) {
                _ = try RequestInspector(bytes)
                #expect(json.depth <= JSONNesting.maxDepth)
            } catch {
                #expect(json.depth > JSONNesting.maxDepth)
                #expect(error == .nestedTooDeep)
            }
        }
    }
}
