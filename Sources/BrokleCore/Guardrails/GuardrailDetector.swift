/// Finds personal data and secrets in text: the built-in entities (``GuardrailEntity/builtIn``) by
/// hand-written scanners over the UTF-8 bytes, and configured entities by their matchers.
///
/// Every scanner does a bounded amount of work per byte (no backtracking; each reads a candidate
/// once and goes on after it), so the whole scan is linear in the text. A text longer than
/// ``windowSize`` is scanned in windows of that size that overlap by ``overlap`` bytes, longer than
/// any value the scanners take, so a value across a window's edge is found whole, and once: each
/// candidate belongs to the window it starts in. Nothing is copied; a window holds only its findings.
/// What is longer than a scanner takes is not found whole: a PEM block over
/// ``GuardrailScan/maxPEMBytes`` is reported as its header and the base64 after it up to that
/// limit, a JWT over ``GuardrailScan/maxJWTBytes`` or a key over ``GuardrailScan/maxTokenBytes``
/// not at all.
///
/// Ranges are UTF-8 byte offsets on character boundaries: a value starts and ends on an ASCII byte,
/// or (an address like `jörg@…`) on a whole character.
package struct GuardrailDetector: Sendable {
    /// Texts up to this size are scanned in one window.
    package static let windowSize = 64 * 1024
    /// How far windows overlap: more than the longest value any scanner takes (a PEM block,
    /// ``GuardrailScan/maxPEMBytes``, 12 KiB; a JWT, ``GuardrailScan/maxJWTBytes``, 8 KiB).
    package static let overlap = 16 * 1024

    /// A configured entity and what finds it.
    package typealias Custom = (entity: GuardrailEntity, matcher: any GuardrailMatcher)

    package let custom: [Custom]

    /// `custom`: configured entities with their matchers. A custom matcher sees the whole text in one
    /// call (it is linear, and its matches may be of any length), its findings have the entity's name
    /// as their detail and confidence 1.
    package init(custom: [Custom] = []) {
        self.custom = custom
    }

    /// Findings sorted by start, non-overlapping: of two that overlap the surer is kept, then the
    /// longer.
    package func findings(in text: String) -> [GuardrailFinding] {
        findings(in: text, only: nil)
    }

    package func findings(in utf8: UnsafeBufferPointer<UInt8>) -> [GuardrailFinding] {
        findings(in: utf8, only: nil)
    }

    /// Only the findings of `only`'s entities (nil for all): the scanners of other entities do not run.
    package func findings(in text: String, only: Set<GuardrailEntity>?) -> [GuardrailFinding] {
        var text = text
        return text.withUTF8 { findings(in: $0, only: only) }
    }

    package func findings(in utf8: UnsafeBufferPointer<UInt8>, only: Set<GuardrailEntity>?) -> [GuardrailFinding] {
        scan(utf8, only: only).findings
    }

    /// The findings, and the bytes the built-in scanners examined (for tests of linearity).
    func scan(_ utf8: UnsafeBufferPointer<UInt8>, only: Set<GuardrailEntity>?) -> (findings: [GuardrailFinding], steps: Int) {
        let plan = GuardrailScanPlan(only)
        var found: [GuardrailFinding] = []
        var steps = 0
        var windowStart = 0
        let stride = Self.windowSize - Self.overlap
        while true {
            let limit = min(utf8.count, windowStart + Self.windowSize)
            let ownedEnd = limit == utf8.count ? limit : windowStart + stride
            var window = GuardrailScan(bytes: utf8, start: windowStart, ownedEnd: ownedEnd, limit: limit)
            window.run(plan)
            found += window.findings
            steps += window.steps
            if limit == utf8.count { break }
            windowStart += stride
        }
        for (entity, matcher) in custom where only?.contains(entity) ?? true {
            // A matcher's ranges are taken as given, but not outside the text or empty.
            for range in matcher.matches(in: utf8) where range.lowerBound >= 0 && range.upperBound <= utf8.count && !range.isEmpty {
                found.append(GuardrailFinding(entity: entity, detail: entity.name, range: range, confidence: 1))
            }
        }
        return (GuardrailOverlaps.resolve(found), steps)
    }
}
