extension LinearPattern {
    /// The compiled automaton: a Thompson NFA over UTF-8 bytes as a flat array of instructions.
    /// Each instruction is one state; the search keeps at most one thread per state, which is
    /// what bounds its work per byte.
    struct Program: Sendable {
        enum Operation: UInt8, Sendable {
            /// Consume one byte in the byte class `argument`, go to `next`.
            case byte
            /// Go to both `next` and `alternative`.
            case split
            /// Go to `next` if the ``Assertion`` with raw value `argument` holds here.
            case assert
            case match
        }

        struct Instruction: Sendable {
            var operation: Operation
            var argument: UInt16
            var next: Int32
            var alternative: Int32
        }

        var instructions: [Instruction]
        /// 256-bit byte sets, four words each, indexed by a `byte` instruction's `argument`.
        var byteClasses: [UInt64]
        var start: Int32
        var match: Int32
        /// Every byte a non-empty match can begin with, for skipping text no match starts in.
        var firstBytes: ByteMask

        func accepts(_ byte: UInt8, inClass index: UInt16) -> Bool {
            byteClasses[Int(index) &* 4 &+ Int(byte &>> 6)] &>> UInt64(byte & 63) & 1 == 1
        }
    }

    /// A set of bytes.
    struct ByteMask: Hashable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init() {}

        init(_ range: ClosedRange<UInt8>) {
            for byte in range { insert(byte) }
        }

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) &<< UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        mutating func formUnion(_ other: ByteMask) {
            words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        }

        func contains(_ byte: UInt8) -> Bool {
            let word: UInt64
            switch byte >> 6 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            default: word = words.3
            }
            return word &>> UInt64(byte & 63) & 1 == 1
        }

        static func == (lhs: ByteMask, rhs: ByteMask) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }
}
