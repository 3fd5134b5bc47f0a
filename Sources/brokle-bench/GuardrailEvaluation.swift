import BrokleCore
import Foundation

/// How well the guardrail detector finds what a person labelled in
/// `Benchmarks/guardrails-corpus.jsonl`: per entity, findings that overlap a label of their entity
/// (each label counted once), findings that do not, and labels nothing found.
package struct GuardrailEvaluation: Sendable, Equatable {
    /// One labelled text: the values a reviewer marked, as UTF-8 byte ranges.
    package struct Example: Sendable, Equatable {
        package var text: String
        package var labels: [(entity: GuardrailEntity, range: Range<Int>)]

        package static func == (lhs: Example, rhs: Example) -> Bool {
            lhs.text == rhs.text
                && lhs.labels.elementsEqual(rhs.labels) { $0.entity == $1.entity && $0.range == $1.range }
        }
    }

    /// The counts for one entity.
    package struct Score: Sendable, Equatable {
        package var truePositives = 0
        package var falsePositives = 0
        package var falseNegatives = 0

        /// Nil when the detector reported nothing of the entity.
        package var precision: Double? {
            truePositives + falsePositives > 0
                ? Double(truePositives) / Double(truePositives + falsePositives) : nil
        }
        /// Nil when nothing of the entity was labelled.
        package var recall: Double? {
            truePositives + falseNegatives > 0
                ? Double(truePositives) / Double(truePositives + falseNegatives) : nil
        }
    }

    package var scores: [GuardrailEntity: Score] = [:]

    package var overall: Score {
        scores.values.reduce(into: Score()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    package init() {}

    /// Adds one text: a finding is a true positive when it overlaps a label of its entity not yet
    /// claimed by another finding. Findings of entities nothing in the corpus is labelled with
    /// (custom entities, deny-lists) are not scored.
    package mutating func add(_ example: Example, findings: [GuardrailFinding]) {
        var claimed = [Bool](repeating: false, count: example.labels.count)
        for finding in findings where GuardrailEntity.builtIn.contains(finding.entity) {
            let label = example.labels.indices.first {
                !claimed[$0] && example.labels[$0].entity == finding.entity
                    && example.labels[$0].range.overlaps(finding.range)
            }
            if let label {
                claimed[label] = true
                scores[finding.entity, default: Score()].truePositives += 1
            } else {
                scores[finding.entity, default: Score()].falsePositives += 1
            }
        }
        for (index, label) in example.labels.enumerated() where !claimed[index] {
            scores[label.entity, default: Score()].falseNegatives += 1
        }
    }

    /// Reads the corpus: `{"text": …, "entities": [{"type": …, "value": …}]}` a line. The n-th
    /// label with a given value is the n-th place it occurs in the text.
    package static func examples(jsonLines data: [UInt8]) throws -> [Example] {
        struct Line: Decodable {
            struct Label: Decodable {
                var type: String
                var value: String
            }
            var text: String
            var entities: [Label]
        }
        var examples: [Example] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated()
        where !line.allSatisfy({ $0 == 0x20 }) {
            let decoded = try JSONDecoder().decode(Line.self, from: Data(line))
            let text = Array(decoded.text.utf8)
            var seen: [String: Int] = [:]
            var labels: [(entity: GuardrailEntity, range: Range<Int>)] = []
            for label in decoded.entities {
                let occurrence = seen[label.value, default: 0]
                seen[label.value] = occurrence + 1
                guard let range = Self.occurrence(occurrence, of: Array(label.value.utf8), in: text) else {
                    throw CocoaError(
                        .fileReadCorruptFile,
                        userInfo: [
                            NSLocalizedDescriptionKey: "line \(number + 1): \(label.value) is not in the text"
                        ])
                }
                labels.append((GuardrailEntity(label.type), range))
            }
            examples.append(Example(text: decoded.text, labels: labels))
        }
        return examples
    }

    private static func occurrence(_ index: Int, of needle: [UInt8], in haystack: [UInt8]) -> Range<
        Int
    >? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var remaining = index
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            if remaining == 0 { return start..<(start + needle.count) }
            remaining -= 1
        }
        return nil
    }
}
