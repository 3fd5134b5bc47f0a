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
