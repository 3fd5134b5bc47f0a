/// A custom entity's pattern from brokle.yaml, compiled to an automaton that runs in time linear
/// in the text: a Thompson NFA simulated one byte at a time, at most one thread per state, so no
/// pattern can backtrack and the work per byte is bounded by the automaton's size (O(n·m)).
///
/// Syntax:
/// - literals (any Unicode; matched as their UTF-8 bytes), and escaped metacharacters
///   `\. \\ \- \[ \] \( \) \{ \} \* \+ \? \| \^ \$ \/ …`; `\n \r \t \f \v \0 \xHH \x{H…}`
/// - `.`: any scalar but `\n`; classes `[a-z0-9_]` with ranges, `[^…]` negation and shorthands
///   inside; `.` and negated sets consume one whole UTF-8 scalar, so matches stay on scalar
///   boundaries
/// - `\d \w \s` (ASCII: `[0-9]`, `[A-Za-z0-9_]`, `[\t\n\v\f\r ]`) and their complements
///   `\D \W \S`
/// - zero-width: `\b`, `\B` (ASCII word boundary), `^`/`\A` (start of text), `$`/`\z` (end)
/// - groups `( )`, `(?: )`, `(?<name> )` (nothing is captured), alternation `|`
/// - quantifiers `* + ? {n} {n,} {n,m}` with counts up to ``maxRepetition``; a lazy suffix `?`
///   is accepted and changes nothing (matches are leftmost-longest)
/// - `(?i)` at the very start: case-insensitive for ASCII, and for other scalars with a
///   one-scalar other case
///
/// Refused when loaded, with the offending offset: backreferences (`\1`, `\k<…>`), lookahead and
/// lookbehind, atomic groups, possessive quantifiers, `\p{…}`, POSIX classes, and any pattern
/// whose automaton would have more than ``maxStates`` states.
///
/// Matches are leftmost-longest and non-overlapping, as UTF-8 byte ranges; empty matches are not
/// reported.
package struct LinearPattern: GuardrailMatcher, Sendable {
    /// The largest automaton a pattern may compile to: each state costs at most a few steps per
    /// byte of text.
    package static let maxStates = 10_000

    /// The pattern as written in brokle.yaml.
    package let source: String
    let program: Program

    package init(_ source: String) throws(LinearPatternError) {
        var parser = Parser(source)
        self.source = source
        program = try Compiler.compile(try parser.parse())
    }

    /// The automaton's size: the `m` in O(n·m).
    var stateCount: Int { program.instructions.count }

    package func matches(in utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var steps = 0
        return matches(in: utf8, steps: &steps)
    }

    package func matches(in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { matches(in: $0) }
    }

    /// The matches, adding to `steps` one for each state visited and each byte tested: the work
    /// done, which tests compare with the text's length times ``stateCount``.
    func matches(in utf8: UnsafeBufferPointer<UInt8>, steps: inout Int) -> [Range<Int>] {
        var search = Search(program: program)
        let result = search.run(utf8)
        steps += search.steps
        return result
    }
}
