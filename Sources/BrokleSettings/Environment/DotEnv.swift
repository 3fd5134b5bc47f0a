import BrokleCore

/// Parser for `.env` files following the usual dotenv rules:
/// - blank lines and lines starting with `#` are ignored; ` #` after an unquoted value starts a comment;
/// - an optional `export ` prefix;
/// - `KEY=value`, `KEY="value"`, `KEY='value'`, `KEY=` (empty);
/// - in double quotes `\n`, `\r`, `\t`, `\"` and `\\` are escapes and the value may span lines;
///   single quotes are literal.
/// Anything else (no `=`, a bad key, an unterminated quote) is an error naming the line, because a
/// silently ignored line is a setting the user believes is applied.
///
/// apple/swift-configuration's `.env` reader is deliberately lenient (it skips malformed lines and
/// keeps quotes as part of the value), so it cannot meet these rules; this parser feeds its result to
/// swift-configuration's `EnvironmentVariablesProvider` instead.
package enum DotEnv {
    package static func parse(_ text: String, source: String = ".env") throws(BrokleError) -> [String: String] {
        var result: [String: String] = [:]
        // "\r\n" is a single Character in Swift, so normalise line endings before splitting.
        let lines = text.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        func fail(_ line: Int, _ reason: String) -> BrokleError {
            BrokleError(.config, "\(source):\(line): \(reason)", hint: "dotenv lines look like KEY=value, KEY=\"value\" or KEY='value'")
        }
        while index < lines.count {
            let lineNumber = index + 1
            // Only leading blanks: a quoted value that goes on to the next line keeps the blanks
            // before its line break (the unquoted forms trim their own ends below).
            var line = Substring(lines[index]).trimmingLeadingWhitespace()
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") || line.hasPrefix("export\t") {
                line = line.dropFirst("export".count).trimmingLeadingWhitespace()
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail(lineNumber, "expected KEY=value")
            }
            let key = String(line[..<equals].trimmingWhitespace())
            guard isValidKey(key) else {
                throw fail(lineNumber, "invalid variable name '\(key)'")
            }
            var rest = line[line.index(after: equals)...].trimmingLeadingWhitespace()
            guard let quote = rest.first, quote == "\"" || quote == "'" else {
                // Unquoted: an inline comment starts at " #".
                if let hash = rest.range(of: " #") ?? rest.range(of: "\t#") {
                    rest = rest[..<hash.lowerBound]
                }
                result[key] = String(rest.trimmingWhitespace())
                continue
            }
            // Quoted: the value may continue on the following lines until the closing quote.
            var body = String(rest.dropFirst())
            var closing: String.Index? = findClosingQuote(quote, in: body)
            while closing == nil, index < lines.count {
                body += "\n" + lines[index]
                index += 1
                closing = findClosingQuote(quote, in: body)
            }
            guard let end = closing else {
                throw fail(lineNumber, "unterminated \(quote == "\"" ? "double" : "single") quote")
            }
            let trailing = body[body.index(after: end)...].trimmingWhitespace()
            guard trailing.isEmpty || trailing.hasPrefix("#") else {
                throw fail(lineNumber, "unexpected text after the closing quote")
            }
            let raw = body[..<end]
            result[key] = quote == "\"" ? unescape(raw) : String(raw)
        }
        return result
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "." || $0.isASCIILetter || $0.isASCIIDigit }
    }

    private static func findClosingQuote(_ quote: Character, in body: String) -> String.Index? {
        var escaped = false
        for index in body.indices {
            let character = body[index]
            if quote == "\"" && escaped {
                escaped = false
                continue
            }
            if quote == "\"" && character == "\\" {
                escaped = true
                continue
            }
            if character == quote { return index }
        }
        return nil
    }

    private static func unescape(_ raw: Substring) -> String {
        var out = ""
        var escaped = false
        for character in raw {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\"", "\\", "$": out.append(character)
                default: out.append("\\"); out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        trimmingLeadingWhitespace().trimmingTrailingWhitespace()
    }
    func trimmingLeadingWhitespace() -> Substring {
        drop(while: { $0 == " " || $0 == "\t" })
    }
    func trimmingTrailingWhitespace() -> Substring {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" { copy.removeLast() }
        return copy
    }
}
