import BrokleCore

/// `${VAR}` and `${VAR:-default}` in configuration text, read from a lookup (environment + .env),
/// so secrets stay out of brokle.yaml. `$$` is a literal `$`. An unset variable without a default
/// is an error naming it and the line. YAML comments (`# …`) are left as they are.
package enum VariableExpansion {
    package static func expand(_ text: String, source: String, lookup: (String) -> String?) throws(BrokleError) -> String {
        var lines: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cut = commentStart(line)
            lines.append(try expandLine(String(line[..<cut]), line: number + 1, source: source, lookup: lookup) + line[cut...])
        }
        return lines.joined(separator: "\n")
    }

    /// Where a YAML comment starts: a `#` at the start or after blank space, outside quotes.
    static func commentStart(_ line: Substring) -> Substring.Index {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return index
            }
            previous = character
        }
        return line.endIndex
    }

    static func expandLine(_ text: String, line: Int, source: String, lookup: (String) -> String?) throws(BrokleError) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                out.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            if next < text.endIndex, text[next] == "$" {
                out.append("$")
                index = text.index(after: next)
                continue
            }
            guard next < text.endIndex, text[next] == "{", let close = text[next...].firstIndex(of: "}") else {
                out.append(character)
                index = next
                continue
            }
            let body = String(text[text.index(after: next)..<close])
            let parts = body.components(separatedBy: ":-")
            let name = parts[0]
            guard DotEnv.isValidKey(name) else {
                throw BrokleError(.config, "\(source):\(line): invalid variable reference ${\(body)}")
            }
            if let value = lookup(name), !value.isEmpty {
                out += value
            } else if parts.count > 1 {
                out += parts.dropFirst().joined(separator: ":-")
            } else {
                throw BrokleError(
                    .config, "\(source):\(line): ${\(name)} is not set",
                    hint: "set \(name) in the environment or .env, or write ${\(name):-default}"
                )
            }
            index = text.index(after: close)
        }
        return out
    }
}
