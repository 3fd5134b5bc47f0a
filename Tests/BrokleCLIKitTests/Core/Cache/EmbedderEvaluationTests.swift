@testable import BrokleCore
@testable import brokle_bench
import Foundation
import Testing

@Suite struct EmbedderEvaluationTests {
    static let pairsFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/semantic-pairs.jsonl")

    @Test func countsHitsPerKind() {
        let pairs = [
            EmbedderEvaluation.Pair(a: "x", b: "x", kind: "same", same: true),
            EmbedderEvaluation.Pair(a: "x", b: "y", kind: "same", same: true),
            EmbedderEvaluation.Pair(a: "x", b: "x!", kind: "wrong", same: false),
            EmbedderEvaluation.Pair(a: "x", b: "x", kind: "wrong", same: false),
        ]
        let evaluation = EmbedderEvaluation(pairs: pairs, threshold: 0.9, vector: { $0 == "y" ? [0, 1] : [1, 0] }, allows: { $1 != "x!" })
        #expect(evaluation.scores.map(\.kind) == ["same", "wrong"])
        #expect(
            evaluation.score("same")
                == EmbedderEvaluation.Score(kind: "same", pairs: 2, same: 2, predictedHits: 1, trueHits: 1, falseHits: 0))
        #expect(
            evaluation.score("wrong")
                == EmbedderEvaluation.Score(kind: "wrong", pairs: 2, same: 0, predictedHits: 1, trueHits: 0, falseHits: 1))
        #expect(evaluation.precision == 0.5 && evaluation.recall == 0.5)
    }

    /// The committed pairs with the lexical embedder at its default threshold: not one wrong hit
    /// where a number, a negation or an opposite tells two prompts apart, and most near-duplicates found.
    @Test func theLexicalEmbedderWithTheGuardOnTheCommittedPairs() async throws {
        let pairs = try EmbedderEvaluation.pairs(jsonLines: Array(try Data(contentsOf: Self.pairsFile)))
        #expect(pairs.count >= 240)
        let evaluation = try await EmbedderEvaluation.evaluate(
            pairs: pairs, embedder: LexicalEmbedder(), threshold: LexicalEmbedder.defaultThreshold)
        print(evaluation.table)
        for kind in ["negation", "number", "opposite"] {
            let score = try #require(evaluation.score(kind))
            #expect(score.pairs >= 40, "\(kind)")
            #expect(score.falseHits == 0, "\(kind)")
        }
        let nearDuplicates = try #require(evaluation.score("near_duplicate"))
        #expect(nearDuplicates.pairs >= 60)
        #expect((nearDuplicates.recall ?? 0) >= 0.6)
    }
}
