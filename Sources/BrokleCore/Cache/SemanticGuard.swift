/// Refuses a semantic cache hit between two prompts that a similar vector cannot tell apart but
/// that want different answers: the numbers differ, one is negated and the other not, or one says
/// the opposite of the other.
///
/// A lexical or small embedding model puts "enable logging" and "disable logging", or "sum of 2 and
/// 3" and "sum of 2 and 4", almost on top of each other; serving one's answer for the other is the
/// worst thing a cache can do. The guard is word-level and cheap, and errs on refusing: a refused
/// hit costs one upstream call, a wrong hit a wrong answer.
package enum SemanticGuard {
    /// True when nothing tells `a` and `b` apart: the same numbers (digits, number words,
    /// ordinals, as a multiset), the same count of negations, and no word of one whose opposite is
    /// in the other.
    package static func allows(_ a: String, _ b: String) -> Bool {
        let wordsA = GuardWords(a)
        let wordsB = GuardWords(b)
        guard wordsA.numbers == wordsB.numbers else { return false }
        guard wordsA.negations == wordsB.negations else { return false }
        return !Opposites.separate(wordsA.words, wordsB.words)
    }
}

/// The words of a prompt as the guard reads them: lower-cased, with their numbers (normalised,
/// sorted) and negation count.
struct GuardWords {
    var words: [String] = []
    var numbers: [String] = []
    var negations = 0

    init(_ text: String) {
        let text = String(text.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
        for token in Self.tokens(text) {
            if let number = Self.number(token) {
                numbers.append(number)
                continue
            }
            let word = String(token.filter { $0 != "'" })
            if let value = NumberWords.value[word] {
                numbers.append(value)
            }
            if Negation.isNegation(token) { negations += 1 }
            words.append(word)
        }
        numbers.sort()
    }

    /// Splits on anything but letters, digits, apostrophes and the `-` `.` `,` of numbers; a
    /// trailing `.` or `,` (end of sentence, list) is not part of a word. Expects lower case with
    /// straight apostrophes.
    private static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        func close(at end: String.Index) {
            guard let from = start else { return }
            var token = text[from..<end]
            while let last = token.last, last == "." || last == "," || last == "-" || last == "'" { token = token.dropLast() }
            while let first = token.first, first == "'" || first == "." || first == "," { token = token.dropFirst() }
            if !token.isEmpty { tokens.append(token) }
            start = nil
        }
        while index < text.endIndex {
            let character = text[index]
            let isPart =
                character.isLetter || character.isNumber || character == "'" || character == "." || character == ","
                || (character == "-" && (start != nil || text[text.index(after: index)...].first?.isNumber == true))
            if isPart {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        return tokens.flatMap { token in
            // `.` `,` `-` join digits (3.5, 1,000, -2); between letters they separate words (end.start,
            // one-liner).
            token.first?.isNumber == true || token.first == "-" ? [token] : token.split { $0 == "." || $0 == "," || $0 == "-" }
        }
    }

    /// The digits of a token as one spelling (`1,000` and `1000`, `2.50` and `2.5`, `-0` and `0`);
    /// an ordinal such as `3rd` reads as `#3`; nil when the token holds no digit.
    private static func number(_ token: Substring) -> String? {
        guard token.contains(where: \.isNumber) else { return nil }
        var text = String(token.filter { $0 != "," && $0 != "'" })
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        for suffix in ["st", "nd", "rd", "th"] where text.hasSuffix(suffix) && text.dropLast(2).allSatisfy(\.isNumber) {
            return "#" + trimmed(String(text.dropLast(2)))
        }
        if text.contains(".") && text.allSatisfy({ $0.isNumber || $0 == "." }) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        text = trimmed(text)
        return negative && text != "0" ? "-" + text : text
    }

    private static func trimmed(_ digits: String) -> String {
        let kept = digits.drop { $0 == "0" }
        return kept.isEmpty || kept.first == "." ? "0" + kept : String(kept)
    }
}

/// Number words as the digits they stand for, so `two` and `2` agree and `two` and `3` do not.
enum NumberWords {
    static let value: [String: String] = {
        var value: [String: String] = [:]
        let cardinals = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
            "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ]
        for (number, word) in cardinals.enumerated() { value[word] = String(number) }
        let ordinals = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        ]
        for (number, word) in ordinals.enumerated() { value[word] = "#\(number + 1)" }
        let tens = ["thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90"]
        value.merge(tens) { first, _ in first }
        value.merge(["hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000", "dozen": "12"]) { first, _ in
            first
        }
        value.merge(["twice": "2", "half": "0.5", "double": "2", "triple": "3"]) { first, _ in first }
        return value
    }()
}

/// Words that negate what follows.
enum Negation {
    static let words: Set<String> = [
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot", "without", "dont", "doesnt",
        "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "shouldnt", "wouldnt", "wont", "hasnt", "havent", "hadnt",
        "mustnt", "neednt", "aint", "non",
    ]

    static func isNegation(_ token: Substring) -> Bool {
        token.hasSuffix("n't") || words.contains(String(token.filter { $0 != "'" }))
    }
}
