@testable import BrokleCore
import Testing

@Suite struct LinearPatternTests {
    /// The matched substrings, for readable expectations.
    func found(_ pattern: String, in text: String) throws -> [String] {
        let utf8 = Array(text.utf8)
        return try LinearPattern(pattern).matches(in: text).map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    func rejection(_ pattern: String) -> LinearPatternError? {
        do {
            _ = try LinearPattern(pattern)
            return nil
        } catch {
            return error
        }
    }

    @Test func literalsEscapesAndDot() throws {
        #expect(try found("cat", in: "concat cat catalog") == ["cat", "cat", "cat"])
        #expect(try found(#"a\.b\\c\-d\[e\]"#, in: #"xa.b\c-d[e]y"#) == [#"a.b\c-d[e]"#])
        #expect(try found(#"\(\d+\)"#, in: "call (415) now") == ["(415)"])
        #expect(try found("a.c", in: "abc a\nc a.c") == ["abc", "a.c"])
        #expect(try found(#"\x41\x{42}\t"#, in: "AB\tAB ") == ["AB\t"])
        #expect(try found("{x}", in: "a{x}") == ["{x}"], "a brace that is not a count is a literal")
    }

    @Test func classesRangesNegationAndShorthands() throws {
        #expect(try found("[a-c0-9_]+", in: "abz 09_x") == ["ab", "09_"])
        #expect(try found("[^ ]+", in: "one two  three") == ["one", "two", "three"])
        #expect(try found(#"[\d-]+"#, in: "415-555-0100 x") == ["415-555-0100"])
        #expect(try found("[]a]+", in: "x]a]y") == ["]a]"])
        #expect(try found("[a-]+", in: "b-a-b") == ["-a-"])
        #expect(try found(#"\d+"#, in: "a12b345") == ["12", "345"])
        #expect(try found(#"\w+"#, in: "hello_1, world") == ["hello_1", "world"])
        #expect(try found(#"\s+"#, in: "a \t\nb") == [" \t\n"])
        #expect(try found(#"\D+"#, in: "12ab34") == ["ab"])
        #expect(try found(#"\W+"#, in: "ab, cd") == [", "])
        #expect(try found(#"\S+"#, in: " ab cd ") == ["ab", "cd"])
    }

    @Test func wordBoundariesAndAnchors() throws {
        #expect(try found(#"\bzeus\b"#, in: "zeus zeusian hizeus zeus.") == ["zeus", "zeus"])
        #expect(try found(#"\Bus\b"#, in: "us zeus") == ["us"])
        #expect(try found("^ab", in: "abab") == ["ab"])
        #expect(try found("ab$", in: "abab") == ["ab"])
        #expect(try LinearPattern("ab$").matches(in: "abab") == [2..<4])
        #expect(try found(#"\Aa|b\z"#, in: "abab") == ["a", "b"])
    }

    @Test func groupsAlternationAndQuantifiers() throws {
        #expect(try found("(ab)+", in: "ababab abx") == ["ababab", "ab"])
        #expect(try found("(?:ab|cd)+e", in: "abcde cdab") == ["abcde"])
        #expect(try found("(?<year>\\d{4})-\\d{2}", in: "2024-01-15") == ["2024-01"])
        #expect(try found("colou?r", in: "color colour colouur") == ["color", "colour"])
        #expect(try found("a{3}", in: "aaaaaaa") == ["aaa", "aaa"])
        #expect(try found("a{2,}", in: "a aa aaaaa") == ["aa", "aaaaa"])
        #expect(try found("a{2,3}", in: "aaaaaaa") == ["aaa", "aaa"])
        #expect(try found("a{0,2}b", in: "aaab b") == ["aab", "b"])
        #expect(try found("x|", in: "axb") == ["x"], "an empty branch matches only empty, which is not reported")
        #expect(try found("a*?b", in: "aab") == ["aab"], "a lazy quantifier is accepted and matches leftmost-longest")
    }

    @Test func caseInsensitiveFlag() throws {
        #expect(try found("(?i)acme corp", in: "ACME Corp and acme corp") == ["ACME Corp", "acme corp"])
        #expect(try found("(?i)[a-c]+", in: "xAbCz") == ["AbC"])
        #expect(try found("(?i)[^a]+", in: "AaBb") == ["Bb"], "the class is folded before it is negated")
        #expect(try found("(?i)école", in: "ÉCOLE École") == ["ÉCOLE", "École"])
        #expect(try found("acme", in: "ACME") == [], "case-sensitive without the flag")
    }

    @Test func leftmostLongestAndNonOverlapping() throws {
        #expect(try found("a|ab|abc", in: "abcd") == ["abc"])
        #expect(try found("ab|abcd|bc", in: "abcx") == ["ab"], "leftmost wins over longer later matches")
        #expect(try found("aba", in: "ababa") == ["aba"], "the second occurrence overlaps the first")
        #expect(try found("a|a[^x]*x", in: "aaaa") == ["a", "a", "a", "a"])
        #expect(try found("a|a[^x]*x", in: "aaax") == ["aaax"])
        #expect(try found("b|abc|cd", in: "abcd") == ["abc"])
        #expect(try found("x*", in: "abc") == [], "empty matches are not reported")
        #expect(try LinearPattern("bc|abcd").matches(in: "abce") == [1..<3])
    }

    @Test func nonASCIIByScalar() throws {
        #expect(try found("caf.", in: "café cafe") == ["café", "cafe"])
        #expect(try found("パスワード[:：] *\\S+", in: "パスワード: hunter2 です") == ["パスワード: hunter2"])
        #expect(try found("[^a]", in: "é😀a") == ["é", "😀"], "a negated class consumes whole scalars")
        #expect(try found("[à-ÿ]+", in: "voilà çà") == ["à", "çà"])
        #expect(try found("[😀-😂]", in: "x😁y") == ["😁"])
        let ranges = try LinearPattern(".").matches(in: "a€😀")
        #expect(ranges == [0..<1, 1..<4, 4..<8])
    }

    @Test func rejectsWhatCannotRunInLinearTime() {
        let cases: [(pattern: String, message: String, offset: Int?)] = [
            (#"(a)\1"#, "backreferences", 3),
            (#"(?<n>a)\k<n>"#, "backreferences", 7),
            ("a(?=b)", "lookahead", 1),
            ("a(?!b)", "lookahead", 1),
            ("(?<=a)b", "lookbehind", 0),
            ("(?<!a)b", "lookbehind", 0),
            ("(?>a+)b", "atomic groups", 0),
            ("a*+", "possessive", 2),
            ("a++b", "possessive", 2),
            ("a?+", "possessive", 2),
            ("a{2,3}+", "possessive", 6),
            (#"\p{L}"#, "Unicode property", 0),
            ("[[:alpha:]]", "POSIX", 0),
            ("a{1001}", "at most 1000", 1),
            ("a{2,5000}", "at most 1000", 1),
            ("a{3,2}", "out of order", 1),
            ("(ab", "missing ')'", 0),
            ("ab)", "unmatched ')'", 2),
            ("[ab", "missing ']'", 0),
            ("*a", "nothing to repeat", 0),
            ("a**", "cannot follow another quantifier", 2),
            ("[z-a]", "out of order", 1),
            (#"\q"#, "unknown escape", 0),
            (#"\x{D800}"#, "not a Unicode scalar", 0),
            ("a(?i)b", "only at the start", 1),
            ("(?x)a", "unsupported group flag", 0),
            (#"\b+"#, "cannot apply to an anchor", 2),
            ("ab\\", "lone", 2),
        ]
        for (pattern, message, offset) in cases {
            let error = rejection(pattern)
            #expect(error?.message.contains(message) == true, "\(pattern): \(String(describing: error))")
            #expect(error?.offset == offset, "\(pattern): \(String(describing: error))")
        }
    }

    @Test func refusesAutomataOverTheSizeBound() {
        let error = rejection("(?:abcdefghij){1000}x")
        #expect(error?.message.contains("more than \(LinearPattern.maxStates) automaton states") == true)
        #expect(error?.offset == nil)
        #expect(rejection("(?:a{1000}){11}") != nil)
        #expect(rejection("[a-z]{1000}") == nil, "1,000 states is within the bound")
        #expect(error?.description.contains("automaton states") == true)
        #expect(rejection("a{1001}")?.description == "a repetition count may be at most 1000 (at offset 1)")
    }

    @Test func realisticCustomEntities() throws {
        #expect(try found(#"\bEMP-\d{6}\b"#, in: "ids EMP-004211, EMP-12 and XEMP-123456") == ["EMP-004211"])
        #expect(
            try found(#"(?i)\bproject[- ]?(falcon|osprey)\b"#, in: "Project Falcon and PROJECT-osprey, projectfalconry") == [
                "Project Falcon", "PROJECT-osprey",
            ])
        #expect(
            try found(#"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?"#, in: "IBAN DE89 3704 0044 0532 0130 00.") == [
                "DE89 3704 0044 0532 0130 00"
            ])
    }

    @Test func bufferAndStringAgree() throws {
        let pattern = try LinearPattern(#"\w+@\w+\.com"#)
        let text = "mail bob@example.com or ann@test.com"
        let viaBuffer = Array(text.utf8).withUnsafeBufferPointer { pattern.matches(in: $0) }
        #expect(viaBuffer == pattern.matches(in: text))
        #expect(viaBuffer == [5..<20, 24..<36])
        #expect(pattern.matches(in: "") == [])
    }
}
