/// One value the detector found in a text: what it is, where (UTF-8 byte offsets into the text),
/// and how sure the detector is.
package struct GuardrailFinding: Sendable, Equatable {
    package var entity: GuardrailEntity
    /// The format within the entity: `ipv4`/`ipv6`; `openai_key`, `aws_access_key`, `jwt`,
    /// `pem_private_key`, `password`, …; the entity's name when it has no finer kinds.
    package var detail: String
    /// UTF-8 byte offsets into the scanned text.
    package var range: Range<Int>
    /// 0…1: 1 for a checksum that held (Luhn, IBAN mod 97) or an unambiguous prefix (`sk-ant-`),
    /// less for shape alone.
    package var confidence: Double

    package init(entity: GuardrailEntity, detail: String, range: Range<Int>, confidence: Double) {
        self.entity = entity
        self.detail = detail
        self.range = range
        self.confidence = confidence
    }
}

extension GuardrailFinding {
    /// `text` with the values of `findings` (in order, from the detector) replaced by what
    /// `replacement` gives for each (nil: left as it is); nil when nothing was replaced.
    package static func replacing(
        _ findings: [GuardrailFinding], in text: String, with replacement: (GuardrailFinding, _ value: String) -> String?
    ) -> String? {
        guard !findings.isEmpty else { return nil }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        for finding in findings {
            guard let replaced = replacement(finding, String(decoding: utf8[finding.range], as: UTF8.self)) else { continue }
            out.append(contentsOf: utf8[copied..<finding.range.lowerBound])
            out.append(contentsOf: replaced.utf8)
            copied = finding.range.upperBound
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: utf8[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
