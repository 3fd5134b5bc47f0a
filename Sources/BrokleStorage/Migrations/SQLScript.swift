/// Splits a SQL script (a migration file) into single statements, because both drivers prepare
/// one statement at a time. Semicolons inside quotes ('…', "…"), comments (-- …, /* … */),
/// PostgreSQL dollar quotes ($$…$$, $tag$…$tag$) and SQLite trigger bodies (BEGIN … END) do
/// not split. Statements that are only comments or whitespace are dropped.
package enum SQLScript {
    package static func statements(_ script: String) -> [String] {
        let chars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        var index = 0
        var blockDepth = 0  // BEGIN … END nesting inside CREATE TRIGGER
        var word = ""  // the identifier being read, for BEGIN/END/CASE detection
        var caseDepth = 0

        func flushWord() {
            guard !word.isEmpty else { return }
            let upper = word.uppercased()
            if isTrigger(String(current)) {
                switch upper {
                case "BEGIN": blockDepth += 1
                case "CASE": caseDepth += 1
                case "END":
                    if caseDepth > 0 { caseDepth -= 1 } else if blockDepth > 0 { blockDepth -= 1 }
                default: break
                }
            }
            word = ""
        }

        func finishStatement() {
            let text = String(current).trimmingSQLWhitespace()
            if hasCode && !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            hasCode = false
            blockDepth = 0
            caseDepth = 0
        }

        while index < chars.count {
            let c = chars[index]
            let next: Unicode.Scalar? = index + 1 < chars.count ? chars[index + 1] : nil
            if c == "-" && next == "-" {
                flushWord()
                while index < chars.count && chars[index] != "\n" { current.append(chars[index]); index += 1 }
                continue
            }
            if c == "/" && next == "*" {
                flushWord()
                current.append(c); current.append("*"); index += 2
                while index < chars.count && !(chars[index] == "*" && index + 1 < chars.count && chars[index + 1] == "/") {
                    current.append(chars[index]); index += 1
                }
                if index < chars.count { current.append("*"); current.append("/"); index += 2 }
                continue
            }
            if c == "'" || c == "\"" {
                flushWord()
                hasCode = true
                current.append(c); index += 1
                while index < chars.count {
                    current.append(chars[index])
                    if chars[index] == c {
                        if index + 1 < chars.count && chars[index + 1] == c { index += 1; current.append(c) } else { break }
                    }
                    index += 1
                }
                index += 1
                continue
            }
            if c == "$", let tagEnd = dollarTagEnd(chars, from: index) {
                flushWord()
                hasCode = true
                let tag = Array(chars[index...tagEnd])
                for scalar in tag { current.append(scalar) }
                index = tagEnd + 1
                while index < chars.count {
                    if chars[index] == "$" && index + tag.count <= chars.count && Array(chars[index..<(index + tag.count)]) == tag {
                        for scalar in tag { current.append(scalar) }
                        index += tag.count
                        break
                    }
                    current.append(chars[index]); index += 1
                }
                continue
            }
            if c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) {
                word.unicodeScalars.append(c)
                hasCode = true
                current.append(c); index += 1
                continue
            }
            flushWord()
            if c == ";" && blockDepth == 0 {
                finishStatement()
                index += 1
                continue
            }
            if !c.properties.isWhitespace { hasCode = true }
            current.append(c)
            index += 1
        }
        flushWord()
        finishStatement()
        return statements
    }

    /// `$tag$` or `$$` starting at `start`: the index of the closing `$` of the opening tag.
    private static func dollarTagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < chars.count {
            let c = chars[index]
            if c == "$" { return index }
            guard c.properties.isAlphabetic || c == "_" || (index > start + 1 && ("0"..."9").contains(c)) else { return nil }
            index += 1
        }
        return nil
    }

    /// Whether `statement` (comment lines before it allowed) is a CREATE TRIGGER.
    private static func isTrigger(_ statement: String) -> Bool {
        let code = statement.split(separator: "\n").filter { !$0.drop(while: \.isWhitespace).hasPrefix("--") }.joined(separator: "\n")
        let words = code.uppercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        guard words.first == "CREATE" else { return false }
        return words.dropFirst().prefix(3).contains("TRIGGER")
    }
}
