@testable import BrokleCore
import Foundation
import PropertyBased
import Testing

/// Seeded property checks of the request scanner: the first code that reads a client's body.
@Suite struct RequestInspectorPropertyTests {
    /// Random bytes and damaged JSON: never a crash, only a 400 of one of the two kinds, and the
    /// nesting verdict agrees with the byte scan.
    @Test func anyBytesAreReadOrAnswered400() async {
        let input = Fuzz.generator { fuzz -> [UInt8] in
            switch fuzz.int(0...2) {
            case 0: return fuzz.bytes(fuzz.int(0...300), alphabet: Fuzz.jsonAlphabet)
            case 1: return fuzz.mutate(Array(fuzz.jsonObject().text.utf8), alphabet: Fuzz.jsonAlphabet)
            default: return Array((#"{"model":"m","messages":"# + String(repeating: "[", count: fuzz.int(100...3000))).utf8)
            }
        }
        await propertyCheck(count: 400, input: input) { bytes in
            do throws(GatewayError) {
                let inspector = try RequestInspector(bytes)
                #expect(JSONNesting.isWithinLimit(bytes), "an accepted body is within the nesting limit")
                _ = inspector.rewritten(model: "x", includeUsage: true)
            } catch {
                #expect(error.status == 400 && error.type == "invalid_request_error")
                if error == .nestedTooDeep { #expect(!JSONNesting.isWithinLimit(bytes)) }
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var body: FuzzJSON
        var model: String
        var includeUsage: Bool
        var testDescription: String { "model \(model.debugDescription), includeUsage \(includeUsage), body \(body.testDescription)" }
    }

    /// `rewritten` sets `model` (any text, escaped), adds or replaces `stream_options` when asked,
    /// keeps every other top-level field byte for byte, and leaves valid JSON.
    @Test func rewritingKeepsOtherFieldsByteIdenticalAndTheBodyValid() async throws {
        let input = Fuzz.generator { fuzz -> Case in
            var extra: [(String, FuzzJSON)] = []
            if fuzz.chance(0.8) { extra.append(("model", FuzzJSON(text: fuzz.jsonString(), depth: 0))) }
            if fuzz.chance(0.4) {
                var size = 5
                extra.append(
                    (
                        "stream_options",
                        fuzz.chance(0.5)
                            ? FuzzJSON(text: #"{"include_usage":\#(fuzz.pick(["true", "false", "1"]))}"#, depth: 1)
                            : fuzz.json(levels: 3, size: &size)
                    ))
            }
            let model = String(
                String.UnicodeScalarView(
                    (0..<fuzz.int(0...12)).map { _ in
                        fuzz.pick(["a", "-", "/", ":", "\"", "\\", "\n", "\u{01}", "\u{7F}", "é", "😀", "\u{2028}"] as [Unicode.Scalar])
                    }))
            return Case(body: fuzz.jsonObject(extra, levels: 40), model: model, includeUsage: fuzz.chance(0.5))
        }
        await propertyCheck(count: 300, input: input) { item in
            let original = try RequestInspector(Array(item.body.text.utf8))
            let output = original.rewritten(model: item.model, includeUsage: item.includeUsage)
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(output)) }
            let again = try RequestInspector(output)
            #expect(again.has("model") == original.has("model"))
            if original.has("model") { #expect(again.string("model") == item.model) }
            if item.includeUsage { #expect(again.clientWantsStreamUsage) }
            for (key, range) in original.fields where key != "model" && (key != "stream_options" || !item.includeUsage) {
                let after = try #require(again.fields[key], "\(key) kept")
                #expect(again.bytes[after].elementsEqual(original.bytes[range]), "\(key) byte for byte")
            }
            #expect(Set(again.fields.keys).subtracting(original.fields.keys).isSubset(of: ["stream_options"]))
        }
    }
}
