import Foundation

/// An embedder with no model: a vector of the words, word pairs and letter triples of a text.
///
/// It finds near-duplicates — the same prompt with words reordered, a typo or two, other
/// punctuation or casing, a `please` or a few words added — and not paraphrases: "how do I undo
/// the last commit" and "revert my most recent commit" share almost no features, so they stay
/// far apart. Pair it with ``SemanticGuard``: a lexical vector barely moves when one word is
/// negated, a number changes or `enable` becomes `disable`, which is exactly what the guard refuses.
///
/// Features, all lower-cased over Unicode word tokens (letters and digits; apostrophes inside a
/// word are dropped, so `don't` and `dont` agree): each word, each pair of neighbouring words, and
/// each 3-gram of a word padded with boundary marks (`<ok>` gives `<ok` and `ok>`). Each feature is
/// hashed (FNV-1a 64, stable across runs, processes and machines — never `hashValue`) to a slot and
/// a sign, weighted by `1 + ln(count)`, by its kind and down for small words, and the vector is scaled
/// to unit length. Deterministic, offline, about 6 µs for a prompt of one sentence (release build).
package struct LexicalEmbedder: Embedder {
    /// The cosine similarity from which two prompts count as the same, with ``SemanticGuard``
    /// also allowing them. On `Benchmarks/semantic-pairs.jsonl` (`brokle-bench cache`) 0.95 finds
    /// 56 of 67 near-duplicates (84%) with no wrong hit. What it misses is one changed word in a
    /// prompt of about ten: a typo, a word split or joined (`e-mail`, `NodeJS`), a British spelling,
    /// `apps` for `applications`. Lower thresholds find more of those (0.90: 62 of 67) but start to
    /// hit prompts that differ in one word the guard does not know (0.90: "… in MySQL" and "… in
    /// BigQuery"), and leave the guard alone between most negation pairs and a wrong answer.
    package static let defaultThreshold: Float = 0.95

    package let dimension: Int
    package var id: String { "lexical-v1/\(dimension)" }

    package init(dimension: Int = 512) {
        precondition(dimension > 0, "an embedding needs at least one dimension")
        self.dimension = dimension
    }

    package func embed(_ text: String) async throws -> Embedding {
        let words = Self.words(text)
        return Embedding(vector: vector(words: words), tokens: words.count)
    }

    /// The unit-length vector of `text`; all zeros when it has no word.
    package func vector(_ text: String) -> [Float] {
        vector(words: Self.words(text))
    }

    // Word pairs carry order, which a reordered prompt should not be punished much for; letter
    // triples carry spelling, which a typo changes only in a few places; small words and
    // pleasantries (`the`, `please`, `thanks`) count for less, so adding or dropping one moves the
    // vector little. Tuned on `Benchmarks/semantic-pairs.jsonl`.
    private static let wordWeight: Float = 0.6
    private static let pairWeight: Float = 0.2
    private static let triWeight: Float = 0.6
    private static let smallWordFactor: Float = 0.4

    private static let smallWords: Set<[UInt32]> = Set(
        """
        a an the is are am be i you me my your we our it its this that these those to of in on at for by do does did can could \
        would will please hi hello hey thanks thank thx any idea some and or with what whats how why
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.unicodeScalars.map(\.value) })

    private enum Kind: UInt8 { case word = 1, pair = 2, tri = 3 }

    private func vector(words: [[UInt32]]) -> [Float] {
        var counts: [UInt64: (weight: Float, count: Int)] = [:]
        counts.reserveCapacity(words.count * 8)
        func add(_ hash: UInt64, _ weight: Float) { counts[hash, default: (weight, 0)].count += 1 }
        let factors = words.map { Self.smallWords.contains($0) ? Self.smallWordFactor : 1 }
        for (index, word) in words.enumerated() {
            add(FeatureHash.of(.word, word[...]), Self.wordWeight * factors[index])
            if index > 0 {
                add(FeatureHash.of(.pair, words[index - 1][...], word[...]), Self.pairWeight * min(factors[index - 1], factors[index]))
            }
            let padded = [FeatureHash.boundary] + word + [FeatureHash.boundary]
            for start in 0...(padded.count - 3) {
                add(FeatureHash.of(.tri, padded[start..<start + 3]), Self.triWeight * factors[index])
            }
        }
        var vector = [Float](repeating: 0, count: dimension)
        for (hash, feature) in counts {
            let mixed = FeatureHash.finish(hash)
            let slot = Int(mixed % UInt64(dimension))
            let sign: Float = mixed >> 63 == 0 ? 1 : -1
            vector[slot] += sign * feature.weight * (1 + Float(log(Double(feature.count))))
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return vector }
        return vector.map { $0 / norm }
    }

    /// Lower-cased words of letters and digits, as Unicode scalar values; apostrophes inside a word
    /// are skipped.
    static func words(_ text: String) -> [[UInt32]] {
        var words: [[UInt32]] = []
        var current: [UInt32] = []
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar.value)
            } else if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// FNV-1a 64 over a feature's kind and its scalars, then a final mix so the low bits (the slot)
    /// and the top bit (the sign) are both well spread.
    private enum FeatureHash {
        static let boundary: UInt32 = 0x3C  // "<" marks both ends of a word in its letter triples.
        static let separator: UInt32 = 0x20

        static func of(_ kind: Kind, _ first: ArraySlice<UInt32>, _ second: ArraySlice<UInt32>? = nil) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ byte: UInt8) {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            func mix(_ part: ArraySlice<UInt32>) {
                for value in part {
                    mix(UInt8(truncatingIfNeeded: value))
                    if value > 0xFF {
                        mix(UInt8(truncatingIfNeeded: value >> 8))
                        mix(UInt8(truncatingIfNeeded: value >> 16))
                    }
                }
            }
            mix(kind.rawValue)
            mix(first)
            if let second {
                mix(UInt8(separator))
                mix(second)
            }
            return hash
        }

        /// The murmur3 64-bit finaliser.
        static func finish(_ hash: UInt64) -> UInt64 {
            var h = hash
            h ^= h >> 33
            h &*= 0xff51_afd7_ed55_8ccd
            h ^= h >> 33
            h &*= 0xc4ce_b9fe_1a85_ec53
            h ^= h >> 33
            return h
        }
    }
}
