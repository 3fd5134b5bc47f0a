@testable import BrokleCore
@testable import BrokleSettings
import PropertyBased
import Testing

/// Seeded property checks of the `.env` reader.
@Suite struct DotEnvPropertyTests {
    /// Random text made of the characters dotenv gives a meaning to: never a crash, and a failure
    /// is a config error that names the file and line.
    @Test func anyTextIsReadOrAConfigErrorNamingTheLine() async {
        let pieces = [
            "A", "key_1", "=", "\"", "'", "#", " #", "\\", "\\n", " ", "\t", "\n", "\r\n", "\r", "export ", "é", "😀", "$", "${X}", ".", "1",
        ]
        let input = Fuzz.generator { fuzz in (0..<fuzz.int(0...40)).map { _ in fuzz.pick(pieces) }.joined() }
        await propertyCheck(count: 500, input: input) { text in
            do throws(BrokleError) {
                _ = try DotEnv.parse(text, source: "fuzz.env")
            } catch {
                #expect(error.kind == .config)
                #expect(error.message.hasPrefix("fuzz.env:"))
            }
        }
    }

    struct Entries: Sendable, CustomTestStringConvertible {
        var lines: [(key: String, value: String, written: String)]
        var text: String { lines.map(\.written).joined(separator: "\n") }
        var testDescription: String { text.debugDescription }
    }

    /// Values written in any of the three forms (unquoted when plain, single quotes when they hold
    /// no quote, double quotes with escapes always) read back exactly; a later key wins.
    @Test func writtenValuesReadBack() async throws {
        let characters: [Character] = ["a", "Z", "0", " ", "#", "=", "'", "\"", "\\", "\n", "\t", "$", "é", "😀", ":", "/"]
        let input = Fuzz.generator { fuzz -> Entries in
            let lines = (0..<fuzz.int(0...8)).map { _ -> (key: String, value: String, written: String) in
                let key = fuzz.pick(["A", "_B", "brokle.port", "KEY_\(fuzz.int(0...3))", "x9"])
                let value = String((0..<fuzz.int(0...10)).map { _ in fuzz.pick(characters) })
                let prefix = fuzz.pick(["", "export ", "  "]) + key + fuzz.pick(["=", " = "])
                let plain = !value.contains { "\"'#\\\n\t ".contains($0) }
                let form = fuzz.int(0...2)
                if form == 0 && plain { return (key, value, prefix + value) }
                if form == 1 && !value.contains("'") { return (key, value, prefix + "'" + value + "'") }
                var escaped = ""
                for character in value {
                    switch character {
                    case "\\": escaped += "\\\\"
                    case "\"": escaped += "\\\""
                    case "\n": escaped += fuzz.chance(0.5) ? "\\n" : "\n"
                    case "\t": escaped += "\\t"
                    default: escaped.append(character)
                    }
                }
                return (key, value, prefix + "\"" + escaped + "\"" + fuzz.pick(["", " # note"]))
            }
            return Entries(lines: lines)
        }
        await propertyCheck(count: 400, input: input) { entries in
            var expected: [String: String] = [:]
            for line in entries.lines { expected[line.key] = line.value }
            let parsed = try DotEnv.parse(entries.text)
            #expect(parsed == expected)
        }
    }
}
