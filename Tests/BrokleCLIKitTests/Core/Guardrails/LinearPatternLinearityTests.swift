@testable import BrokleCore
import Testing

/// Patterns that make backtracking engines take exponential or quadratic time, on inputs of
/// 100,000 bytes: the engine's work, counted in steps (states visited and bytes tested), stays
/// within a constant times the text's length times the automaton's size, and doubles when the
/// text does. No clocks: the step count is deterministic.
@Suite struct LinearPatternLinearityTests {
    static let pathological: [(pattern: String, text: String, matches: [Range<Int>])] = [
        ("(a+)+$", String(repeating: "a", count: 20_000), [0..<20_000]),
        ("(a+)+$", String(repeating: "a", count: 4_000) + "!", []),
        ("(a|aa)*b", String(repeating: "a", count: 20_000), []),
        ("(.*a){20}", String(repeating: "a", count: 20_000), [0..<20_000]),
        ("(a*)*b", String(repeating: "a", count: 20_000), []),
        ("(x+x+)+y", String(repeating: "x", count: 20_000), []),
        ("(\\w+\\s?)*$", String(repeating: "word ", count: 4_000) + "!", []),
        // Quadratic for engines that look for the longest match from each start again.
        ("a|a[^x]*x", String(repeating: "a", count: 20_000), (0..<20_000).map { $0..<($0 + 1) }),
        ("a[^x]*x|b", String(repeating: "a", count: 20_000), []),
    ]

    func run(_ pattern: LinearPattern, _ text: String) -> (matches: [Range<Int>], steps: Int) {
        var steps = 0
        let matches = Array(text.utf8).withUnsafeBufferPointer { pattern.matches(in: $0, steps: &steps) }
        return (matches, steps)
    }

    @Test(arguments: 0..<pathological.count)
    func workIsBoundedByTextTimesAutomaton(_ index: Int) throws {
        let (source, text, expected) = Self.pathological[index]
        let pattern = try LinearPattern(source)
        let (matches, steps) = run(pattern, text)
        #expect(matches == expected, "\(source)")
        // Per byte: at most one visit per state per closure it is reached in, bounded by
        // 4·m + 1 (see LinearPattern.Search); 5·m leaves room and still rules out n².
        let bound = 5 * pattern.stateCount * (text.utf8.count + 1)
        #expect(steps <= bound, "\(source): \(steps) steps > \(bound)")
    }

    @Test(arguments: ["(a+)+$", "(a|aa)*b", "(.*a){20}", "a|a[^x]*x", "(a*)*b"])
    func doublingTheTextDoublesTheWork(_ source: String) throws {
        let pattern = try LinearPattern(source)
        let small = run(pattern, String(repeating: "a", count: 10_000)).steps
        let large = run(pattern, String(repeating: "a", count: 20_000)).steps
        let ratio = Double(large) / Double(small)
        #expect(ratio > 1.9 && ratio < 2.1, "\(source): \(small) → \(large) steps")
    }

    @Test func skipsTextNoMatchCanStartIn() throws {
        let pattern = try LinearPattern(#"\bsk-[A-Za-z0-9]{20}\b"#)
        let text = String(repeating: "lorem ipsum dolor ", count: 1000)
        let (matches, steps) = run(pattern, text)
        #expect(matches.isEmpty)
        #expect(steps < text.utf8.count, "bytes that cannot start a match are skipped without running the automaton")
    }
}
