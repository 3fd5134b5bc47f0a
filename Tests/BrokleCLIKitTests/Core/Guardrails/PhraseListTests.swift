@testable import BrokleCore
import PropertyBased
import Testing

@Suite struct PhraseListTests {
    func found(_ phrases: [String], in text: String) -> [String] {
        let utf8 = Array(text.utf8)
        return PhraseList(phrases).matches(in: text).map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    @Test func caseInsensitiveASCIIAndUnicode() {
        #expect(found(["zeus"], in: "Zeus, ZEUS and zeus.") == ["Zeus", "ZEUS", "zeus"])
        #expect(found(["ZEUS"], in: "zeus") == ["zeus"])
        #expect(found(["école"], in: "L'ÉCOLE et l'École") == ["ÉCOLE", "École"])
        #expect(found(["Москва"], in: "в МОСКВА и москва") == ["МОСКВА", "москва"])
    }

    @Test func onlyOnWordBoundaries() {
        #expect(found(["zeus"], in: "zeusian hizeus zeus_1 zeus") == ["zeus"])
        #expect(found(["zeus"], in: "(zeus) \"zeus\" zeus-x") == ["zeus", "zeus", "zeus"])
        #expect(found(["c++"], in: "c++11 and c++") == ["c++", "c++"], "no boundary is needed after a non-word character")
        #expect(found(["über"], in: "Überweisung über") == ["über"])
        #expect(found(["パスワード"], in: "パスワードは秘密") == ["パスワード"], "Japanese is written without spaces")
    }

    @Test func whitespaceInsideAPhraseMatchesAnyRun() {
        #expect(found(["acme corp"], in: "ACME Corp, acme  corp, acme\n\tcorp, acmecorp") == ["ACME Corp", "acme  corp", "acme\n\tcorp"])
        #expect(found(["  project   falcon  "], in: "project falcon") == ["project falcon"])
    }

    @Test func overlappingPhrasesGiveLeftmostLongest() {
        #expect(found(["new york", "york city", "new york city"], in: "in New York City today") == ["New York City"])
        #expect(found(["york city", "new york"], in: "new york city") == ["new york"], "leftmost wins")
        #expect(found(["he", "she", "hers"], in: "she hers he") == ["she", "hers", "he"])
        #expect(found(["ab", "b"], in: "ab b") == ["ab", "b"])
        #expect(found(["a b", "b c"], in: "a b c") == ["a b"], "matches do not overlap")
    }

    @Test func emptyAndBlankPhrasesAreIgnored() {
        #expect(PhraseList([]).isEmpty)
        #expect(PhraseList(["", "   ", "\n"]).isEmpty)
        #expect(!PhraseList(["", "x"]).isEmpty)
        #expect(found(["", " "], in: "anything") == [])
        #expect(found(["Zeus", "zeus", "ZEUS"], in: "zeus") == ["zeus"], "duplicates after folding count once")
    }

    @Test func byteRangesAndInvalidUTF8() {
        let list = PhraseList(["tête"])
        #expect(list.matches(in: "la TÊTE") == [3..<8])
        let bytes: [UInt8] = [0xFF, 0x20] + Array("tête".utf8) + [0x20, 0xC3]
        #expect(bytes.withUnsafeBufferPointer { list.matches(in: $0) } == [2..<7])
    }

    /// Against a naive reference: every phrase tried at every scalar offset, folded the same way.
    @Test func agreesWithANaiveSearch() async {
        let words = ["ab", "b", "ab c", "é", "bé", "aa", "c ab"]
        let pieces = ["a", "b", "A", "B", " ", "  ", "\n", "é", "É", "c", "x"]
        let input = Fuzz.generator { fuzz in
            (
                phrases: (0..<fuzz.int(1...3)).map { _ in fuzz.pick(words) },
                text: (0..<fuzz.int(0...14)).map { _ in fuzz.pick(pieces) }.joined()
            )
        }
        await propertyCheck(count: 500, input: input) { example in
            #expect(PhraseList(example.phrases).matches(in: example.text) == Self.naive(example.phrases, example.text))
        }
    }

    static func naive(_ phrases: [String], _ text: String) -> [Range<Int>] {
        // Units as the list reads them, each with its byte range in the text.
        var units: [(value: String, range: Range<Int>)] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            if scalar.properties.isWhitespace {
                if let last = units.last, last.value == " " {
                    units[units.count - 1].range = last.range.lowerBound..<(offset + length)
                } else {
                    units.append((" ", offset..<(offset + length)))
                }
            } else {
                units.append((String(scalar).lowercased(), offset..<(offset + length)))
            }
            offset += length
        }
        func isWord(_ index: Int) -> Bool {
            guard index >= 0, index < units.count, let scalar = units[index].value.unicodeScalars.first else { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
        }
        let folded = Set(
            phrases.map { $0.lowercased().split(whereSeparator: \.isWhitespace).map { $0.map(String.init) }.joined(separator: [" "]) }.map {
                Array($0)
            })
        var result: [Range<Int>] = []
        var start = 0
        while start < units.count {
            var best: Int?
            for phrase in folded where start + phrase.count <= units.count && !phrase.isEmpty {
                guard units[start..<(start + phrase.count)].map(\.value) == phrase else { continue }
                let end = start + phrase.count
                if isWord(start), isWord(start - 1) { continue }
                if isWord(end - 1), isWord(end) { continue }
                best = max(best ?? 0, end)
            }
            if let best {
                result.append(units[start].range.lowerBound..<units[best - 1].range.upperBound)
                start = best
            } else {
                start += 1
            }
        }
        return result
    }
}
