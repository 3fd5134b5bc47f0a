extension LinearPattern {
    /// Reads the pattern syntax ``LinearPattern`` documents into a ``Node``, refusing what the
    /// engine cannot run in linear time with a message and the offset (in scalars) of the
    /// construct.
    struct Parser {
        private let scalars: [Unicode.Scalar]
        private var index = 0
        private var caseInsensitive = false

        init(_ source: String) {
            scalars = Array(source.unicodeScalars)
        }

        mutating func parse() throws(LinearPatternError) -> Node {
            if scalars.starts(with: "(?i)".unicodeScalars) {
                caseInsensitive = true
                index = 4
            }
            let node = try alternation()
            if index < scalars.count {
                // Only an unmatched `)` stops `alternation` early.
                throw LinearPatternError("unmatched ')'", at: index)
            }
            return node
        }

        private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
            index + ahead < scalars.count ? scalars[index + ahead] : nil
        }

        private func fail(_ message: String, at offset: Int? = nil) -> LinearPatternError {
            LinearPatternError(message, at: offset ?? index)
        }

        private mutating func alternation() throws(LinearPatternError) -> Node {
            var branches = [try concatenation()]
            while peek() == "|" {
                index += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func concatenation() throws(LinearPatternError) -> Node {
            var items: [Node] = []
            while let scalar = peek(), scalar != "|", scalar != ")" {
                let start = index
                let atom = try self.atom()
                items.append(try quantified(atom, at: start))
            }
            switch items.count {
            case 0: return .empty
            case 1: return items[0]
            default: return .concatenation(items)
            }
        }

        private mutating func quantified(_ atom: Node, at start: Int) throws(LinearPatternError) -> Node {
            guard let scalar = peek() else { return atom }
            let quantifierStart = index
            let bounds: (min: Int, max: Int?)
            switch scalar {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let counted = try counted() else { return atom }
                bounds = counted
            default: return atom
            }
            if case .assertion = atom { throw fail("a quantifier cannot apply to an anchor or \\b", at: quantifierStart) }
            if atom == .empty { throw fail("nothing to repeat", at: quantifierStart) }
            // A lazy quantifier finds the same leftmost-longest matches; a possessive one
            // promises backtracking control this engine has no use for, so it is refused.
            if peek() == "?" {
                index += 1
            } else if peek() == "+" {
                throw fail("possessive quantifiers (*+, ++, ?+, {n,m}+) are not supported")
            }
            if let next = peek(), next == "*" || next == "+" || next == "?" || (next == "{" && isCountedQuantifier()) {
                throw fail("a quantifier cannot follow another quantifier; use a group")
            }
            return .repetition(atom, min: bounds.min, max: bounds.max)
        }

        private func isCountedQuantifier() -> Bool {
            var copy = self
            do { return try copy.counted() != nil } catch { return true }
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) when the brace is a literal.
        private mutating func counted() throws(LinearPatternError) -> (min: Int, max: Int?)? {
            let start = index
            index += 1
            guard let low = number() else {
                index = start
                return nil
            }
            var high: Int? = low
            if peek() == "," {
                index += 1
                high = number()
            }
            guard peek() == "}" else {
                index = start
                return nil
            }
            index += 1
            if low > maxRepetition || (high ?? 0) > maxRepetition {
                throw fail("a repetition count may be at most \(maxRepetition)", at: start)
            }
            if let high, high < low { throw fail("repetition range {\(low),\(high)} is out of order", at: start) }
            return (low, high)
        }

        private mutating func number() -> Int? {
            var value: Int?
            while let scalar = peek(), ("0"..."9").contains(scalar) {
                value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), 1_000_000)
                index += 1
            }
            return value
        }

        private mutating func atom() throws(LinearPatternError) -> Node {
            let start = index
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(": return try group(at: start)
            case "[": return .set(try characterClass(at: start))
            case ".": return .set(ScalarSet([0...0x10FFFF]).subtracting(0xA...0xA).subtracting(ScalarSet.surrogates))
            case "^": return .assertion(.textStart)
            case "$": return .assertion(.textEnd)
            case "\\": return try escape(at: start)
            case "*", "+", "?": throw fail("nothing to repeat", at: start)
            case "{":
                index = start
                if isCountedQuantifier() { throw fail("nothing to repeat", at: start) }
                index = start + 1
                return literal(scalar)
            default: return literal(scalar)
            }
        }

        private func literal(_ scalar: Unicode.Scalar) -> Node { .set(fold(.scalar(scalar.value))) }

        private func fold(_ set: ScalarSet) -> ScalarSet { caseInsensitive ? set.caseFolded() : set }

        private mutating func group(at start: Int) throws(LinearPatternError) -> Node {
            if peek() == "?" {
                let rest = String(String.UnicodeScalarView(scalars[index..<min(index + 3, scalars.count)]))
                if rest.hasPrefix("?:") {
                    index += 2
                } else if rest.hasPrefix("?=") || rest.hasPrefix("?!") {
                    throw fail("lookahead ((?= …) and (?! …)) is not supported", at: start)
                } else if rest.hasPrefix("?<=") || rest.hasPrefix("?<!") {
                    throw fail("lookbehind ((?<= …) and (?<! …)) is not supported", at: start)
                } else if rest.hasPrefix("?>") {
                    throw fail("atomic groups ((?> …)) are not supported", at: start)
                } else if rest.hasPrefix("?<") || rest.hasPrefix("?P<") {
                    // A named group is an ordinary group: nothing reads captures.
                    guard let close = scalars[index...].firstIndex(of: ">") else { throw fail("unterminated group name", at: start) }
                    index = close + 1
                } else if rest.hasPrefix("?i)") {
                    throw fail("(?i) is supported only at the start of the pattern", at: start)
                } else {
                    throw fail("unsupported group flag '(\(rest)'", at: start)
                }
            }
            let inner = try alternation()
            guard peek() == ")" else { throw fail("missing ')' for the group opened here", at: start) }
            index += 1
            return inner
        }

        private mutating func escape(at start: Int) throws(LinearPatternError) -> Node {
            guard let scalar = peek() else { throw fail("the pattern ends with a lone '\\'", at: start) }
            switch scalar {
            case "b": index += 1; return .assertion(.wordBoundary)
            case "B": index += 1; return .assertion(.notWordBoundary)
            case "A": index += 1; return .assertion(.textStart)
            case "z": index += 1; return .assertion(.textEnd)
            default: return .set(fold(try escapedSet(at: start)))
            }
        }

        /// The set an escape stands for, after the backslash (also inside a class).
        private mutating func escapedSet(at start: Int) throws(LinearPatternError) -> ScalarSet {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "d": return Self.digit
            case "D": return Self.digit.inverted()
            case "w": return Self.word
            case "W": return Self.word.inverted()
            case "s": return Self.space
            case "S": return Self.space.inverted()
            case "n": return .scalar(0x0A)
            case "r": return .scalar(0x0D)
            case "t": return .scalar(0x09)
            case "f": return .scalar(0x0C)
            case "v": return .scalar(0x0B)
            case "0": return .scalar(0)
            case "x": return .scalar(try hexEscape(at: start))
            case "1"..."9", "k":
                throw fail("backreferences (\\\(scalar)) are not supported: they cannot be matched in linear time", at: start)
            case "p", "P": throw fail("Unicode property classes (\\\(scalar){…}) are not supported", at: start)
            default:
                guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                    throw fail("unknown escape '\\\(scalar)'", at: start)
                }
                return .scalar(scalar.value)
            }
        }

        /// `\xHH` or `\x{H…}`, after the `x`.
        private mutating func hexEscape(at start: Int) throws(LinearPatternError) -> UInt32 {
            var digits = ""
            if peek() == "{" {
                index += 1
                while let scalar = peek(), scalar != "}" {
                    digits.unicodeScalars.append(scalar)
                    index += 1
                }
                guard peek() == "}" else { throw fail("unterminated \\x{…}", at: start) }
                index += 1
            } else {
                for _ in 0..<2 {
                    guard let scalar = peek() else { break }
                    digits.unicodeScalars.append(scalar)
                    index += 1
                }
            }
            guard !digits.isEmpty, digits.count <= 6, let value = UInt32(digits, radix: 16), Unicode.Scalar(value) != nil else {
                throw fail("invalid \\x escape: not a Unicode scalar value", at: start)
            }
            return value
        }

        private mutating func characterClass(at start: Int) throws(LinearPatternError) -> ScalarSet {
            if peek() == "[" && peek(1) == ":" { throw fail("POSIX classes ([[:alpha:]]) are not supported; use a range", at: start) }
            var negated = false
            if peek() == "^" {
                negated = true
                index += 1
            }
            var set = ScalarSet()
            var first = true
            while true {
                guard let scalar = peek() else { throw fail("missing ']' for the class opened here", at: start) }
                if scalar == "]" && !first { index += 1; break }
                first = false
                let itemStart = index
                let low = try classItem()
                if peek() == "-", let after = peek(1), after != "]" {
                    index += 1
                    let rangeEnd = index
                    let high = try classItem()
                    guard let lowValue = low.single, let highValue = high.single else {
                        throw fail("a class range needs a single character at each end", at: rangeEnd)
                    }
                    guard lowValue <= highValue else { throw fail("class range out of order", at: itemStart) }
                    set.insert(lowValue...highValue)
                } else {
                    set.formUnion(low.set)
                }
            }
            return negated ? fold(set).inverted() : fold(set)
        }

        /// One member of a class: a literal or an escape (a shorthand gives a whole set).
        private mutating func classItem() throws(LinearPatternError) -> (set: ScalarSet, single: UInt32?) {
            let start = index
            let scalar = scalars[index]
            index += 1
            guard scalar == "\\" else { return (.scalar(scalar.value), scalar.value) }
            guard let next = peek() else { throw fail("the pattern ends with a lone '\\'", at: start) }
            if next == "b" || next == "B" || next == "A" || next == "z" {
                throw fail("\\\(next) is an assertion and cannot appear in a class", at: start)
            }
            let set = try escapedSet(at: start)
            let ranges = set.ranges
            let single = ranges.count == 1 && ranges[0].count == 1 ? ranges[0].lowerBound : nil
            return (set, single)
        }

        static let digit = ScalarSet([0x30...0x39])
        static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
        static let space = ScalarSet([0x09...0x0D, 0x20...0x20])
    }
}
