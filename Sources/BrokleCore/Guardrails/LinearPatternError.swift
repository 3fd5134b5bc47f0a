/// Why a custom entity's pattern was refused when brokle.yaml was loaded: a construct the linear
/// engine does not have (backreferences, lookaround, atomic groups, possessive quantifiers), a
/// syntax error, or an automaton over ``LinearPattern/maxStates``.
package struct LinearPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for the person who wrote the pattern.
    package var message: String
    /// Where, in Unicode scalars from the start of the pattern; nil when the whole pattern is at
    /// fault (its compiled size).
    package var offset: Int?

    package init(_ message: String, at offset: Int?) {
        self.message = message
        self.offset = offset
    }

    package var description: String {
        guard let offset else { return message }
        return "\(message) (at offset \(offset))"
    }
}
