/// Text kept outside the request — an error message in a trace, content exported to an
/// OpenTelemetry collector — with every value the detector finds replaced by its entity's stem
/// (`[EMAIL]`, `[SECRET]`), whatever the request's policy: a copy is never the place for them.
package enum GuardrailRedaction {
    /// The built-in entities, shared: making one costs nothing per call.
    package static let detector = GuardrailDetector()

    /// `text` with every finding replaced; `text` itself when there is none.
    package static func redact(_ text: String, with detector: GuardrailDetector = Self.detector) -> String {
        let findings = detector.findings(in: text)
        guard !findings.isEmpty else { return text }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var copied = 0
        for finding in findings {
            out.append(contentsOf: utf8[copied..<finding.range.lowerBound])
            out.append(contentsOf: "[\(finding.entity.placeholderStem)]".utf8)
            copied = finding.range.upperBound
        }
        out.append(contentsOf: utf8[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
