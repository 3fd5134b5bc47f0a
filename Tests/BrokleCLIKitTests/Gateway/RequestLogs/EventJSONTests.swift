@testable import BrokleGateway
import Testing

/// An event read in place: members and elements as ranges, and only well-formed JSON read.
@Suite struct EventJSONTests {
    static func members(_ text: String) -> [String: String]? {
        Array(text.utf8).withUnsafeBytes { bytes in
            let json = EventJSON(bytes)
            guard let object = json.object else { return nil }
            var members: [String: String] = [:]
            let readable = json.forEachMember(of: object) { key, value in
                members[String(decoding: json.slice(key), as: UTF8.self)] = String(decoding: json.slice(value), as: UTF8.self)
            }
            return readable ? members : nil
        }
    }

    @Test func membersAreReadWithWhitespaceAnywhere() {
        let members = Self.members(#" { "a" : [1, {"b":"}"}] ,"c":-1.5e+3, "d" :null,"e":true }  "#)
        #expect(members == ["a": #"[1, {"b":"}"}]"#, "c": "-1.5e+3", "d": "null", "e": "true"])
        #expect(Self.members("{}") == [:])
    }

    @Test(arguments: [
        #"{"a":1"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":01}"#, #"{"a":tru}"#,
        #"{"a":[1,]}"#, #"{"a":1}}"#, "{\"a\":\"tab\there\"}", #"{"a":1.}"#, #"{"a":"x"} {"b":2}"#,
    ])
    func malformedJSONIsNotRead(_ text: String) {
        #expect(Self.members(text) == nil)
    }

    @Test func nestingDeeperThanTheLimitIsNotRead() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(Self.members(#"{"a":\#(deep)}"#) == nil)
    }

    @Test func compactDropsOnlyWhitespaceOutsideStrings() {
        let text = #"{ "city" : "New York" , "days" : [ 1 , 2 ] }"#
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBytes { EventJSON($0).writeCompact(0..<$0.count, into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #"{"city":"New York","days":[1,2]}"#)
    }
}
