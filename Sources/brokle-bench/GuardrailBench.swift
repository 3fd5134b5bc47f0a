import ArgumentParser
import BrokleCore
import Foundation

/// `brokle-bench guardrails`: how well and how fast the guardrail detector finds PII and secrets —
/// precision and recall per entity on the labelled corpus, CPU time per KB over the corpus in
/// ~1 KB texts, and the time to scan 1 KB, 100 KB and 1 MB of the same mixed text (linear in the
/// length), with and without a custom pattern and a deny-list; and CPU per KB of ordinary prose
/// (a prompt with few values in it: the common case). Prints one JSON line.
struct GuardrailBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardrails",
        abstract: "Guardrails: detector precision/recall per entity, CPU per KB, scan time by size.")

    @Option(help: "Labelled texts (JSON lines).") var corpus = "Benchmarks/guardrails-corpus.jsonl"
    @Option(help: "Timed passes over the corpus for CPU per KB (after one warm-up).") var rounds = 5
    @Option var label = "guardrails"
    @Option(help: "Prose for the common case's CPU per KB (cut into ~1 KB texts).") var prose = "docs/ARCHITECTURE.md"

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }

    func run() async throws {
        let examples = try GuardrailEvaluation.examples(
            jsonLines: Array(try Data(contentsOf: URL(fileURLWithPath: corpus))))
        let detector = GuardrailDetector()

        var evaluation = GuardrailEvaluation()
        for example in examples {
            evaluation.add(example, findings: detector.findings(in: example.text))
        }
        var entities: [String: Any] = [:]
        for entity in GuardrailEntity.builtIn {
            let score = evaluation.scores[entity] ?? .init()
            entities[entity.name] = Self.row(score)
        }

        // The corpus as ~1 KB texts: whole lines joined until a text reaches 1,024 bytes.
        var texts: [String] = []
        var pending = ""
        for example in examples {
            pending += example.text + "\n"
            if pending.utf8.count >= 1024 {
                texts.append(pending)
                pending = ""
            }
        }
        var nanosPerKB: [UInt64] = []
        for round in 0...rounds {
            for text in texts {
                let (elapsed, _) = Self.cpuTime { detector.findings(in: text) }
                if round > 0 { nanosPerKB.append(elapsed * 1024 / UInt64(text.utf8.count)) }
            }
        }

        // Prose: the same measure on text with few values in it.
        var proseTexts: [String] = []
        pending = ""
        for line in (try String(contentsOfFile: prose, encoding: .utf8)).split(separator: "\n") {
            pending += line + "\n"
            if pending.utf8.count >= 1024 {
                proseTexts.append(pending)
                pending = ""
            }
        }
        var proseNanosPerKB: [UInt64] = []
        var proseFindings = 0
        for round in 0...rounds {
            for text in proseTexts {
                let (elapsed, found) = Self.cpuTime { detector.findings(in: text) }
                if round > 0 { proseNanosPerKB.append(elapsed * 1024 / UInt64(text.utf8.count)) }
                if round == 0 { proseFindings += found.count }
            }
        }

        let custom = try Self.customMatchers()
        let withCustom = GuardrailDetector(custom: custom)
        let mixed = texts.joined()
        var sizes: [String: Any] = [:]
        for (name, size) in [("1kb", 1024), ("100kb", 100 * 1024), ("1mb", 1024 * 1024)] {
            let text = Self.prefix(of: mixed, bytes: size)
            let builtIn = Self.best(of: size < 100_000 ? 50 : 5) { detector.findings(in: text) }
            let all = Self.best(of: size < 100_000 ? 50 : 5) { withCustom.findings(in: text) }
            sizes[name] = [
                "bytes": text.utf8.count, "ms": Self.rounded(Double(builtIn.nanos) / 1e6),
                "us_per_kb": Self.rounded(Double(builtIn.nanos) / 1000 / (Double(text.utf8.count) / 1024)),
                "findings": builtIn.count,
                "with_custom_ms": Self.rounded(Double(all.nanos) / 1e6),
            ]
        }

        let overall = evaluation.overall
        let line: [String: Any] = [
            "label": label, "measure": "guardrails", "texts": examples.count,
            "labels": examples.reduce(0) { $0 + $1.labels.count },
            "precision": overall.precision.map(Self.rounded) ?? NSNull(),
            "recall": overall.recall.map(Self.rounded) ?? NSNull(),
            "tp": overall.truePositives, "fp": overall.falsePositives, "fn": overall.falseNegatives,
            "entities": entities,
            "cpu_us_per_kb": CacheBench.percentiles(nanosPerKB), "chunks": texts.count, "scan": sizes,
            "prose": ["cpu_us_per_kb": CacheBench.percentiles(proseNanosPerKB), "chunks": proseTexts.count, "findings": proseFindings],
            "custom": custom.map { $0.entity.name },
        ]
        let data = try JSONSerialization.data(
            withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    static func row(_ score: GuardrailEvaluation.Score) -> [String: Any] {
        [
            "tp": score.truePositives, "fp": score.falsePositives, "fn": score.falseNegatives,
            "precision": score.precision.map(rounded) ?? NSNull(),
            "recall": score.recall.map(rounded) ?? NSNull(),
        ]
    }

    /// What a policy might add: an employee-id pattern and a 200-phrase deny-list.
    static func customMatchers() throws -> [(entity: GuardrailEntity, matcher: any GuardrailMatcher)] {
        let pattern = try LinearPattern(#"(?i)\bemp-\d{6}\b|\bproject[- ](falcon|osprey|heron)\b"#)
        let phrases = (0..<200).map { "codename \($0)" } + ["zeus", "acme internal", "do not share"]
        return [(GuardrailEntity("employee_id"), pattern), (.deny, PhraseList(phrases))]
    }

    /// `text` repeated and cut to `bytes` bytes (on a scalar boundary).
    static func prefix(of text: String, bytes: Int) -> String {
        var result = String(repeating: text, count: bytes / max(1, text.utf8.count) + 1).utf8.prefix(
            bytes)
        while String(result) == nil { result = result.dropLast() }
        return String(result) ?? ""
    }

    /// The least CPU time of `runs` calls, and what the last call found.
    static func best(of runs: Int, _ body: () -> [GuardrailFinding]) -> (nanos: UInt64, count: Int) {
        var least = UInt64.max
        var count = 0
        for _ in 0..<runs {
            let (elapsed, found) = cpuTime(body)
            least = min(least, elapsed)
            count = found.count
        }
        return (least, count)
    }

    /// The calling thread's CPU time spent in `body`: what the scan costs, not what the host's
    /// other work adds to wall time.
    static func cpuTime<T>(_ body: () -> T) -> (nanos: UInt64, result: T) {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let result = body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        let nanos =
            (Int64(end.tv_sec) - Int64(start.tv_sec)) * 1_000_000_000 + Int64(end.tv_nsec)
            - Int64(start.tv_nsec)
        return (UInt64(max(0, nanos)), result)
    }

    static func rounded(_ value: Double) -> Double { CacheBench.rounded(value) }
}
