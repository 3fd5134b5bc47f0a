import BrokleCore
import ArgumentParser
import BrokleCLIKit
import Foundation

/// `brokle-bench cache`: what the semantic cache's pure parts cost and how well they decide — the
/// lexical embedding per prompt, a brute-force lookup over 10,000 and 100,000 vectors of one
/// partition, the memory of the larger index, and precision/recall per kind of pair on the
/// labelled pairs. Prints one JSON line.
struct CacheBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cache", abstract: "Semantic cache: embed, lookup, memory, accuracy.")

    @Option(help: "Labelled prompt pairs (JSON lines).") var pairs = "Benchmarks/semantic-pairs.jsonl"
    @Option(help: "Lookups timed per index size.") var queries = 500
    @Option var dimension = 512
    @Option(help: "Similarity from which a pair hits (default: LexicalEmbedder.defaultThreshold).")
    var threshold = LexicalEmbedder.defaultThreshold
    @Option var label = "cache"

    func validate() throws {
        guard queries >= 200 else { throw ValidationError("--queries must be at least 200") }
    }

    func run() async throws {
        let embedder = LexicalEmbedder(dimension: dimension)
        let labelled = try EmbedderEvaluation.pairs(jsonLines: Array(try Data(contentsOf: URL(fileURLWithPath: pairs))))
        let prompts = labelled.flatMap { [$0.a, $0.b] }

        var embedNanos: [UInt64] = []
        for round in 0..<5 {
            for prompt in prompts {
                let start = DispatchTime.now().uptimeNanoseconds
                let vector = embedder.vector(prompt)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                if round > 0 { embedNanos.append(elapsed) }  // the first round warms up
                precondition(vector.count == dimension)
            }
        }

        var random = SeededRandom(seed: 42)
        var index = VectorIndex(dimension: dimension)
        var lookups: [String: Any] = [:]
        for size in [10_000, 100_000] {
            while index.count < size { index.append(random.unitVector(dimension), id: "entry-\(index.count)") }
            var nanos: [UInt64] = []
            var found = 0
            for query in 0..<queries {
                // Half the queries are stored vectors (a hit), half are new (a miss): the scan is the same.
                let vector = query.isMultiple(of: 2) ? index.vector(at: (query * 7919) % size) : random.unitVector(dimension)
                let start = DispatchTime.now().uptimeNanoseconds
                let best = index.best(vector, minimum: threshold)
                nanos.append(DispatchTime.now().uptimeNanoseconds - start)
                if best != nil { found += 1 }
            }
            lookups["lookup_\(size / 1000)k_us"] = Self.percentiles(nanos)
            lookups["lookup_\(size / 1000)k_hits"] = found
        }
        let rssMB = Self.residentMB()

        let evaluation = try await EmbedderEvaluation.evaluate(
            pairs: labelled, embedder: embedder, threshold: threshold)
        var kinds: [String: Any] = [:]
        for score in evaluation.scores {
            var row: [String: Any] = [
                "pairs": score.pairs, "same": score.same, "hits": score.predictedHits, "true_hits": score.trueHits,
                "false_hits": score.falseHits,
            ]
            if let recall = score.recall { row["recall"] = Self.rounded(recall) }
            kinds[score.kind] = row
        }

        var line: [String: Any] = [
            "label": label, "measure": "cache", "embedder": embedder.id,
            "threshold": Self.rounded(Double(threshold)),
            "embed_us": Self.percentiles(embedNanos), "entries": index.count, "dimension": dimension,
            "rss_mb_with_100k_index": rssMB.map(Self.rounded) ?? NSNull(),
            "index_mb": Self.rounded(Double(index.count * dimension * 4) / 1_048_576),
            "precision": Self.rounded(evaluation.precision), "recall": Self.rounded(evaluation.recall), "kinds": kinds,
        ]
        line.merge(lookups) { first, _ in first }
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    static func percentiles(_ nanos: [UInt64]) -> [String: Double] {
        let sorted = nanos.sorted()
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return rounded(Double(sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))]) / 1000)
        }
        return ["p50": at(0.5), "p99": at(0.99), "max": rounded(Double(sorted.last ?? 0) / 1000)]
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// VmRSS from /proc/self/status in MB; nil where there is no /proc (macOS).
    static func residentMB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}

extension SeededRandom {
    /// A random direction: uniform coordinates in -1..<1, scaled to unit length.
    fileprivate mutating func unitVector(_ dimension: Int) -> [Float] {
        let raw = (0..<dimension).map { _ in Float(unit() * 2 - 1) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }
}
