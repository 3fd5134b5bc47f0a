@testable import BrokleCore
import Testing

@Suite struct CanonicalJSONTests {
    static func canonical(_ json: String) throws -> String {
        String(decoding: try CanonicalJSON.bytes(parsing: Array(json.utf8)), as: UTF8.self)
    }

    @Test func bodiesThatMeanTheSameGiveTheSameBytes() throws {
        let a = try Self.canonical(#"{"model":"gpt-4o","messages":[{"role":"user","content":"café"}],"temperature":1,"top_p":0.5}"#)
        let b = try Self.canonical(
            """
            {
              "top_p": 5e-1,
              "temperature": 1.0,
              "messages": [ { "content": "caf\\u00e9", "role": "user" } ],
              "model": "gpt-4o"
            }
            """)
        #expect(Array(a.utf8) == Array(b.utf8))
        #expect(a == #"{"messages":[{"content":"café","role":"user"}],"model":"gpt-4o","temperature":1,"top_p":0.5}"#)
    }

    @Test func numbersHaveOneSpelling() throws {
        for spelling in ["1", "1.0", "1e0", "10E-1", "0.1e1", "1.000"] {
            #expect(try Self.canonical("[\(spelling)]") == "[1]", "\(spelling)")
        }
        #expect(try Self.canonical("[-0, -0.0, 0e5]") == "[0,0,0]")
        #expect(try Self.canonical("[9007199254740992.0, 1e100, 1.5e-7, 0.1, -2.5]") == "[9007199254740992,1e100,1.5e-7,0.1,-2.5]")
        #expect(CanonicalJSON.bytes(.double(3)) == CanonicalJSON.bytes(.int(3)))
        #expect(CanonicalJSON.bytes(.double(-0.0)) == Array("0".utf8))
    }

    @Test func stringsHaveOneEscaping() throws {
        #expect(try Self.canonical(#"["\/\u0041\u00e9\n\t\u0001\"\\ \ud83d\ude00"]"#) == "[\"/Aé\\n\\t\\u0001\\\"\\\\ 😀\"]")
        #expect(CanonicalJSON.bytes(.string("\u{1F}\u{7F}\u{2028}")) == Array("\"\\u001f\u{7F}\u{2028}\"".utf8))
    }

    @Test func keysSortByTheirUTF8Bytes() {
        let object = JSONValue.object(["b": .null, "a": .bool(true), "é": .int(1), "Z": .array([]), "aa": .object([:])])
        #expect(String(decoding: CanonicalJSON.bytes(object), as: UTF8.self) == #"{"Z":[],"a":true,"aa":{},"b":null,"é":1}"#)
    }

    @Test func differentValuesDiffer() throws {
        let pairs = [
            (#"{"a":1}"#, #"{"a":2}"#), (#"{"a":1}"#, #"{"a":"1"}"#), (#"{"a":1}"#, #"{"b":1}"#), (#"[1,2]"#, #"[2,1]"#),
            (#"{"a":true}"#, #"{"a":1}"#), (#"{"a":null}"#, #"{}"#), (#"["é"]"#, #"["e\u0301"]"#), (#"[0.1]"#, #"[0.10000001]"#),
        ]
        for (a, b) in pairs {
            // Bytes, not Strings: String equality is canonical equivalence, so "é" == "e\u{301}" there.
            #expect(try CanonicalJSON.bytes(parsing: Array(a.utf8)) != CanonicalJSON.bytes(parsing: Array(b.utf8)), "\(a) vs \(b)")
        }
    }

    @Test func refusesWhatIsNotJSON() {
        #expect(throws: (any Error).self) { try CanonicalJSON.bytes(parsing: Array("{\"a\":".utf8)) }
        #expect(throws: JSONNesting.TooDeep.self) { try CanonicalJSON.bytes(parsing: Array((String(repeating: "[", count: 200)).utf8)) }
    }
}
