/// A policy's deny-list: words or phrases matched all at once (Aho–Corasick), in time linear in
/// the text, case-insensitively and on word boundaries.
///
/// Phrases and text are read the same way: each scalar folded to its lower-case mapping when that
/// is one scalar (ASCII and Unicode simple case folding: `ZEUS`, `Zeus` and `zeus` are one phrase,
/// as are `ÉCOLE` and `école`), and any run of whitespace as one space, so `acme corp` also
/// matches `ACME  Corp` and `acme\ncorp`. A phrase's edges must not touch other word characters
/// (`zeus` is not found in `zeusian`), except where the phrase ends in a character that is not one
/// (`c++`), or in Han, kana or Thai, which are written without spaces. Matches are
/// leftmost-longest and non-overlapping, as UTF-8 byte ranges of the text.
package struct PhraseList: GuardrailMatcher, Sendable {
    private let automaton: Automaton
    /// Per phrase: its length in units (scalars, a whitespace run counting as one), and whether
    /// its first and last characters are word characters that need a boundary.
    private let lengths: [Int]
    private let wordStart: [Bool]
    private let wordEnd: [Bool]
    private let longest: Int

    /// Empty and whitespace-only phrases are ignored; duplicates after folding count once.
    package init(_ phrases: [String]) {
        var seen = Set<[UInt32]>()
        var encoded: [[UInt8]] = []
        var lengths: [Int] = []
        var wordStart: [Bool] = []
        var wordEnd: [Bool] = []
        for phrase in phrases {
            var units: [UInt32] = []
            for scalar in phrase.unicodeScalars {
                if Text.isSpace(scalar.value) {
                    if let last = units.last, last != 0x20 { units.append(0x20) }
                } else {
                    units.append(Text.fold(scalar.value))
                }
            }
            if units.last == 0x20 { units.removeLast() }
            guard let first = units.first, let last = units.last, seen.insert(units).inserted else { continue }
            var bytes: [UInt8] = []
            var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            for unit in units {
                let count = Text.encode(unit, into: &buffer)
                withUnsafeBytes(of: buffer) { bytes.append(contentsOf: $0.prefix(count)) }
            }
            encoded.append(bytes)
            lengths.append(units.count)
            wordStart.append(Text.isWord(first))
            wordEnd.append(Text.isWord(last))
        }
        automaton = Automaton(encoded)
        self.lengths = lengths
        self.wordStart = wordStart
        self.wordEnd = wordEnd
        longest = lengths.max() ?? 0
    }

    package var isEmpty: Bool { lengths.isEmpty }

    package func matches(in utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        var found: [Range<Int>] = []
        // Where each of the last `longest` units began, to turn a phrase's end into its start.
        var unitStarts = [Int](repeating: 0, count: longest)
        var unit = 0
        var node: Int32 = 0
        var inSpace = false
        var offset = 0
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        while offset < utf8.count {
            let (value, length) = Text.scalar(at: offset, in: utf8)
            defer { offset += length }
            if Text.isSpace(value) {
                if inSpace { continue }
                inSpace = true
                unitStarts[unit % longest] = offset
                unit += 1
                node = automaton.step(node, 0x20)
                continue
            }
            inSpace = false
            unitStarts[unit % longest] = offset
            unit += 1
            let count = Text.encode(Text.fold(value), into: &buffer)
            withUnsafeBytes(of: buffer) { bytes in
                for index in 0..<count { node = automaton.step(node, bytes[index]) }
            }
            var hit = automaton.phrase[Int(node)] >= 0 ? node : automaton.output[Int(node)]
            while hit >= 0 {
                let phrase = Int(automaton.phrase[Int(hit)])
                let start = unitStarts[(unit - lengths[phrase]) % longest]
                let end = offset + length
                if isBounded(start..<end, phrase, in: utf8) { found.append(start..<end) }
                hit = automaton.output[Int(hit)]
            }
        }
        return Self.leftmostLongest(found)
    }

    package func matches(in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { matches(in: $0) }
    }

    private func isBounded(_ range: Range<Int>, _ phrase: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if wordStart[phrase], let before = Text.scalar(before: range.lowerBound, in: text), Text.isWord(before) { return false }
        if wordEnd[phrase], range.upperBound < text.count, Text.isWord(Text.scalar(at: range.upperBound, in: text).value) { return false }
        return true
    }

    /// The earliest-starting match, the longest of those, then the same after its end.
    private static func leftmostLongest(_ found: [Range<Int>]) -> [Range<Int>] {
        guard found.count > 1 else { return found }
        let sorted = found.sorted { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound > $1.upperBound }
        var result: [Range<Int>] = []
        for range in sorted where range.lowerBound >= (result.last?.upperBound ?? 0) { result.append(range) }
        return result
    }
}
