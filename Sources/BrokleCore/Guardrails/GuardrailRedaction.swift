/// Text kept outside the request — an error message in a trace, content exported to an
/// OpenTelemetry collector — with every value the detector finds replaced by its entity's stem
/// (`[EMAIL]`, `[SECRET]`), whatever the request's policy: a copy is never the place for them.
package enum GuardrailRedaction {
    /// The built-in entities, shared: making one costs nothing per call.
    package static let detector = GuardrailDetector()

    /// `text` with every finding replaced; `text` itself when there is none.
    package static func redact(_ text: String, with detector: GuardrailDetector = Self.detector) -> String {
        GuardrailFinding.replacing(detector.findings(in: text), in: text) { finding, _ in "[\(finding.entity.placeholderStem)]" } ?? text
    }
}
