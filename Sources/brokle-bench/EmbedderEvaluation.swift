import BrokleCore
import Foundation

/// How well an embedder, a threshold and ``SemanticGuard`` together decide "same cached answer" on
/// labelled prompt pairs (`Benchmarks/semantic-pairs.jsonl`): per kind of pair, how many would hit
/// and how many of those hits are right.
package struct EmbedderEvaluation: Sendable {
    /// Two prompts, what kind of difference lies between them, and whether one cached answer is
    /// right for both.
    package struct Pair: Codable, Sendable, Equatable {
        package var a: String
        package var b: String
        package var kind: String
        package var same: Bool

        package init(a: String, b: String, kind: String, same: Bool) {
            self.a = a
            self.b = b
            self.kind = kind
            self.same = same
        }
    }

    /// The counts for one kind of pair.
    package struct Score: Codable, Sendable, Equatable {
        package var kind: String
        package var pairs = 0
        /// Pairs labelled `same`.
        package var same = 0
        /// Pairs the cache would answer from the other's entry.
        package var predictedHits = 0
        /// Predicted hits labelled `same`.
        package var trueHits = 0
        /// Predicted hits labelled different: a wrong answer served.
        package var falseHits = 0

        /// The share of `same` pairs found; nil when the kind has none.
        package var recall: Double? { same > 0 ? Double(trueHits) / Double(same) : nil }
    }

    /// One score per kind, in the order kinds first appear.
    package var scores: [Score]
    package var threshold: Float

    /// Of all predicted hits, the share that were right (1 when there were none).
    package var precision: Double {
        let hits = scores.reduce(0) { $0 + $1.predictedHits }
        return hits > 0 ? Double(scores.reduce(0) { $0 + $1.trueHits }) / Double(hits) : 1
    }

    /// Of all `same` pairs, the share found.
    package var recall: Double {
        let same = scores.reduce(0) { $0 + $1.same }
        return same > 0 ? Double(scores.reduce(0) { $0 + $1.trueHits }) / Double(same) : 0
    }

    package func score(_ kind: String) -> Score? { scores.first { $0.kind == kind } }

    /// Scores `pairs`: a pair hits when the dot product of its two vectors (unit length) is at
    /// least `threshold` and `allows` lets it through.
    package init(
        pairs: [Pair], threshold: Float, vector: (String) -> [Float], allows: (String, String) -> Bool = SemanticGuard.allows
    ) {
        self.threshold = threshold
        var scores: [Score] = []
        for pair in pairs {
            let a = vector(pair.a)
            let b = vector(pair.b)
            let similarity = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let hit = similarity >= threshold && allows(pair.a, pair.b)
            var index = scores.firstIndex { $0.kind == pair.kind } ?? scores.endIndex
            if index == scores.endIndex {
                scores.append(Score(kind: pair.kind))
                index = scores.count - 1
            }
            scores[index].pairs += 1
            if pair.same { scores[index].same += 1 }
            if hit {
                scores[index].predictedHits += 1
                if pair.same { scores[index].trueHits += 1 } else { scores[index].falseHits += 1 }
            }
        }
        self.scores = scores
    }

    /// Scores `pairs` with `embedder`, embedding each distinct prompt once.
    package static func evaluate(
        pairs: [Pair], embedder: some Embedder, threshold: Float, allows: (String, String) -> Bool = SemanticGuard.allows
    ) async throws -> EmbedderEvaluation {
        var vectors: [String: [Float]] = [:]
        for text in pairs.flatMap({ [$0.a, $0.b] }) where vectors[text] == nil {
            vectors[text] = try await embedder.embed(text).vector
        }
        return EmbedderEvaluation(pairs: pairs, threshold: threshold, vector: { vectors[$0] ?? [] }, allows: allows)
    }

    /// Reads pairs from JSON lines (`{"a": …, "b": …, "kind": …, "same": …}`), skipping blank lines.
    package static func pairs(jsonLines: [UInt8]) throws -> [Pair] {
        let decoder = JSONDecoder()
        return try jsonLines.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return nil }
            return try decoder.decode(Pair.self, fromUntrusted: line)
        }
    }

    /// A fixed-width table: one row per kind, then the totals.
    package var table: String {
        func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = [
            "kind" + String(repeating: " ", count: 12) + cell("pairs", 7) + cell("same", 7) + cell("hits", 7)
                + cell("true", 7) + cell("false", 7) + cell("recall", 8)
        ]
        for score in scores {
            let recall = score.recall.map { String(format: "%.2f", $0) } ?? "-"
            lines.append(
                score.kind.padding(toLength: 16, withPad: " ", startingAt: 0) + cell("\(score.pairs)", 7) + cell("\(score.same)", 7)
                    + cell("\(score.predictedHits)", 7) + cell("\(score.trueHits)", 7) + cell("\(score.falseHits)", 7) + cell(recall, 8))
        }
        lines.append(String(format: "threshold %.3f: precision %.3f, recall %.3f", threshold, precision, recall))
        return lines.joined(separator: "\n")
    }
}
