/// Words shortly before a value that say what it is: "call" before a number makes it a phone
/// number, "order" makes it not one.
struct ContextWords {
    /// A word the context is compared with: lower-case, matched as a prefix of a text word
    /// ("tel" takes "telephone") unless `exact`.
    struct Word {
        let text: StaticString
        let exact: Bool
        /// +1 for a word that supports the value, -1 for one that rules it out.
        let signal: Int
    }

    let words: [Word]

    init(supporting: [StaticString], exactSupporting: [StaticString] = [], against: [StaticString], exactAgainst: [StaticString] = []) {
        words =
            supporting.map { Word(text: $0, exact: false, signal: 1) } + exactSupporting.map { Word(text: $0, exact: true, signal: 1) }
            + against.map { Word(text: $0, exact: false, signal: -1) } + exactAgainst.map { Word(text: $0, exact: true, signal: -1) }
    }

    func signal(of word: UnsafeBufferPointer<UInt8>.SubSequence) -> Int {
        for candidate in words {
            let equal = candidate.text.withUTF8Buffer { text in
                guard candidate.exact ? word.count == text.count : word.count >= text.count else { return false }
                var index = word.startIndex
                for offset in 0..<text.count {
                    if word[index].asciiLowercased != text[offset] { return false }
                    index += 1
                }
                return true
            }
            if equal { return candidate.signal }
        }
        return 0
    }
}

extension GuardrailScan {
    /// How far back ``contextSignal(before:_:)`` reads.
    static let contextReach = 32

    /// The signal of the nearest known word in the ``contextReach`` bytes before `position`: +1, -1,
    /// or 0 when none of them is known. A word is a run of letters, `_` and non-ASCII bytes
    /// (`caller_id` is one word, taken by "call"; `numéro` is one word, not "num").
    mutating func contextSignal(before position: Int, _ context: ContextWords) -> Int {
        let floor = max(0, position - Self.contextReach)
        steps &+= position - floor
        var index = position - 1
        while index >= floor {
            while index >= floor, !Self.isContextByte(bytes[index]) { index -= 1 }
            guard index >= floor else { break }
            let end = index + 1
            while index >= floor, Self.isContextByte(bytes[index]) { index -= 1 }
            let signal = context.signal(of: bytes[(index + 1)..<end])
            if signal != 0 { return signal }
        }
        return 0
    }

    private static func isContextByte(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte == UInt8(ascii: "_") || byte >= 0x80 }
}
