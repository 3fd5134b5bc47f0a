@testable import BrokleCore
import PropertyBased
import Testing

/// Seeded property checks: random patterns from a small grammar give the same matches as a naive
/// reference matcher (every end reachable from every start, by set iteration) on short random
/// texts, including non-ASCII, word boundaries and the case-insensitive flag.
@Suite struct LinearPatternPropertyTests {
    /// A pattern of the grammar, with its own reading of what it matches.
    indirect enum Term: Sendable {
        case literal(Unicode.Scalar)
        case dot
        case word
        case digitOrSpace
        case anyOf([Unicode.Scalar], negated: Bool)
        case boundary
        case start, end
        case sequence([Term])
        case either([Term])
        case repeated(Term, min: Int, max: Int?)

        var source: String {
            switch self {
            case .literal(let scalar): return scalar == "." ? #"\."# : String(scalar)
            case .dot: return "."
            case .word: return #"\w"#
            case .digitOrSpace: return #"[\d\s]"#
            case .anyOf(let scalars, let negated): return "[" + (negated ? "^" : "") + String(String.UnicodeScalarView(scalars)) + "]"
            case .boundary: return #"\b"#
            case .start: return "^"
            case .end: return "$"
            case .sequence(let terms): return "(?:" + terms.map(\.source).joined() + ")"
            case .either(let terms): return "(?:" + terms.map(\.source).joined(separator: "|") + ")"
            case .repeated(let term, let min, let max):
                let quantifier =
                    switch (min, max) {
                    case (0, nil): "*"
                    case (1, nil): "+"
                    case (0, 1): "?"
                    case (let low, nil): "{\(low),}"
                    case (let low, let high?) where low == high: "{\(low)}"
                    case (let low, let high?): "{\(low),\(high)}"
                    }
                return "(?:" + term.source + ")" + quantifier
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var term: Term
        var caseInsensitive: Bool
        var text: [Unicode.Scalar]
        var pattern: String { (caseInsensitive ? "(?i)" : "") + term.source }
        var testDescription: String {
            "pattern \(pattern.debugDescription) text \(String(String.UnicodeScalarView(text)).debugDescription)"
        }
    }

    static let alphabet: [Unicode.Scalar] = ["a", "b", "A", " ", "1", "é", "É", "😀", "\n", "."]

    static func term(_ fuzz: inout Fuzz, depth: Int) -> Term {
        let leaf = depth == 0 || fuzz.chance(0.35)
        if leaf {
            switch fuzz.int(0...9) {
            case 0...3: return .literal(fuzz.pick(["a", "b", "é", "😀", " ", "."]))
            case 4: return .dot
            case 5: return .word
            case 6: return .digitOrSpace
            case 7: return .anyOf((0..<fuzz.int(1...3)).map { _ in fuzz.pick(["a", "b", "é", "1"]) }, negated: fuzz.chance(0.4))
            case 8: return .boundary
            default: return fuzz.chance(0.5) ? .start : .end
            }
        }
        switch fuzz.int(0...2) {
        case 0: return .sequence((0..<fuzz.int(2...3)).map { _ in term(&fuzz, depth: depth - 1) })
        case 1: return .either((0..<fuzz.int(2...3)).map { _ in term(&fuzz, depth: depth - 1) })
        default:
            var inner = term(&fuzz, depth: depth - 1)
            if case .boundary = inner { inner = .literal("a") }
            if case .start = inner { inner = .literal("b") }
            if case .end = inner { inner = .dot }
            let (min, max): (Int, Int?) = fuzz.pick([(0, nil), (1, nil), (0, 1), (2, nil), (2, 2), (1, 3), (0, 2)])
            return .repeated(inner, min: min, max: max)
        }
    }

    /// The reference: every position a match of `term` starting at `position` can end at.
    struct Reference {
        let text: [Unicode.Scalar]
        let caseInsensitive: Bool

        func same(_ lhs: Unicode.Scalar, _ rhs: Unicode.Scalar) -> Bool {
            guard caseInsensitive else { return lhs == rhs }
            return lhs.properties.lowercaseMapping == rhs.properties.lowercaseMapping
        }

        func isWord(_ index: Int) -> Bool {
            guard index >= 0, index < text.count else { return false }
            let value = text[index].value
            return value < 0x80 && (text[index].properties.isAlphabetic || (0x30...0x39).contains(value) || value == 0x5F)
        }

        func ends(_ term: Term, from position: Int) -> Set<Int> {
            let next: Unicode.Scalar? = position < text.count ? text[position] : nil
            switch term {
            case .literal(let scalar): return next.map { same($0, scalar) } == true ? [position + 1] : []
            case .dot: return next != nil && next != "\n" ? [position + 1] : []
            case .word: return isWord(position) ? [position + 1] : []
            case .digitOrSpace:
                guard let next else { return [] }
                return ("0"..."9").contains(next) || [" ", "\n", "\t"].contains(next) ? [position + 1] : []
            case .anyOf(let scalars, let negated):
                guard let next else { return [] }
                return scalars.contains { same($0, next) } != negated ? [position + 1] : []
            case .boundary: return isWord(position - 1) != isWord(position) ? [position] : []
            case .start: return position == 0 ? [position] : []
            case .end: return position == text.count ? [position] : []
            case .sequence(let terms):
                var positions: Set<Int> = [position]
                for term in terms { positions = Set(positions.flatMap { ends(term, from: $0) }) }
                return positions
            case .either(let terms): return Set(terms.flatMap { ends($0, from: position) })
            case .repeated(let term, let min, let max):
                var positions: Set<Int> = [position]
                var result: Set<Int> = min == 0 ? [position] : []
                var count = 0
                while !positions.isEmpty && count < (max ?? Int.max) {
                    count += 1
                    let reached = Set(positions.flatMap { ends(term, from: $0) })
                    // Past `min`, positions already collected need not be explored again.
                    positions = count >= min ? reached.subtracting(result) : reached
                    if count >= min { result.formUnion(reached) }
                    if count > text.count + min + 1 { break }
                }
                return result
            }
        }

        /// Leftmost-longest, non-overlapping, non-empty matches, as UTF-8 byte ranges.
        func matches(_ term: Term) -> [Range<Int>] {
            var offsets = [0]
            for scalar in text { offsets.append(offsets.last! + String(scalar).utf8.count) }
            var result: [Range<Int>] = []
            var from = 0
            search: while from <= text.count {
                for start in from...text.count {
                    if let end = ends(term, from: start).filter({ $0 > start }).max() {
                        result.append(offsets[start]..<offsets[end])
                        from = end
                        continue search
                    }
                }
                break
            }
            return result
        }
    }

    @Test func randomPatternsMatchLikeTheReference() async throws {
        let input = Fuzz.generator { fuzz -> Case in
            Case(
                term: Self.term(&fuzz, depth: fuzz.int(1...3)),
                caseInsensitive: fuzz.chance(0.25),
                text: (0..<fuzz.int(0...12)).map { _ in fuzz.pick(Self.alphabet) }
            )
        }
        await propertyCheck(count: 600, input: input) { example in
            let pattern = try LinearPattern(example.pattern)
            let reference = Reference(text: example.text, caseInsensitive: example.caseInsensitive)
            #expect(pattern.matches(in: String(String.UnicodeScalarView(example.text))) == reference.matches(example.term))
        }
    }

    /// Random bytes, valid UTF-8 or not: never a crash, ranges in order, inside the text and
    /// apart.
    @Test func anyBytesGiveOrderedRangesInsideTheText() async throws {
        let patterns = try [#"\w+"#, "[^a]+", ".+", #"\b\d{2,4}\b"#, "(?i)é+|x"].map { try LinearPattern($0) }
        let input = Fuzz.generator { fuzz in fuzz.bytes(fuzz.int(0...64), alphabet: Array("ab 12é😀\n".utf8)) }
        await propertyCheck(count: 300, input: input) { bytes in
            for pattern in patterns {
                let ranges = bytes.withUnsafeBufferPointer { pattern.matches(in: $0) }
                var last = 0
                for range in ranges {
                    #expect(range.lowerBound >= last && !range.isEmpty && range.upperBound <= bytes.count)
                    last = range.upperBound
                }
            }
        }
    }
}
