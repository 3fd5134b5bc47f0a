extension LinearPattern {
    /// A parsed pattern, before it becomes an automaton.
    indirect enum Node: Equatable {
        case empty
        /// One scalar from the set (a literal, `.`, a class, a shorthand).
        case set(ScalarSet)
        case concatenation([Node])
        case alternation([Node])
        /// `min` to `max` (nil: no limit) repetitions.
        case repetition(Node, min: Int, max: Int?)
        case assertion(Assertion)
    }

    /// A zero-width test of the position between two bytes.
    enum Assertion: UInt8, Equatable {
        case textStart, textEnd, wordBoundary, notWordBoundary
    }

    /// The largest count a `{n}`, `{n,}` or `{n,m}` may give.
    package static let maxRepetition = 1000
}
