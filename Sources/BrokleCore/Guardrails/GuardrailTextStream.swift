/// One stream of text the model writes a delta at a time — a choice's content, a tool call's
/// arguments, a content block — screened on its way to the client: output rules mask what the
/// model produced, and `restore` turns the request's placeholders back into its values, even when
/// one arrives split across two deltas.
///
/// What it holds back is bounded: with output rules, the last ``outputHoldBack`` bytes (a value
/// may still be growing there; up to ``outputStep`` more, released together) — moved back to the
/// start of a value that reaches into them; for
/// restore alone, only a tail that could still become a placeholder (`[` and up to the longest
/// placeholder's length of `A-Z0-9_`). What is held goes out with the next delta, or at
/// ``flush(screen:masker:restore:tally:)`` when the text ends.
package struct GuardrailTextStream: Sendable {
    /// Bytes held back while output rules apply: longer than any value the detector knows but a
    /// JWT or a PEM private key, which are held from their first bytes (``longValues``).
    package static let outputHoldBack = 256
    /// Text released at a time under output rules: it is looked at once it has grown this far past
    /// the hold-back, so a stream of small deltas is scanned about five times over, not once per delta.
    package static let outputStep = 64

    private var pending: [UInt8] = []

    package init() {}

    /// Whether text is waiting for the next delta.
    package var isHolding: Bool { !pending.isEmpty }

    /// The part of what has arrived (`delta` after what was held) that can go to the client now,
    /// masked and restored. `inJSON`: the text is JSON being written (tool-call arguments), so a
    /// restored value goes in escaped.
    package mutating func feed(
        _ delta: String, screen: GuardrailScreen?, masker: inout GuardrailMasker, restore: Bool, inJSON: Bool = false,
        tally: inout GuardrailTally
    ) -> String {
        pending.append(contentsOf: delta.utf8)
        return release(final: false, screen: screen, masker: &masker, restore: restore, inJSON: inJSON, tally: &tally)
    }

    /// Everything still held, masked and restored: the text has ended.
    package mutating func flush(
        screen: GuardrailScreen?, masker: inout GuardrailMasker, restore: Bool, inJSON: Bool = false, tally: inout GuardrailTally
    ) -> String {
        release(final: true, screen: screen, masker: &masker, restore: restore, inJSON: inJSON, tally: &tally)
    }

    /// Values longer than the hold-back that a stream still catches whole: a JWT (up to 8 KiB) and
    /// a PEM private key (up to 16 KiB) are held from their first bytes until they end, or until
    /// they would be longer than that.
    static let longValues: [(start: [UInt8], limit: Int)] = [(Array("eyJ".utf8), 8 * 1024), (Array("-----BEGIN".utf8), 16 * 1024)]
    static let pemEnd = Array("-----END".utf8)

    private mutating func release(
        final: Bool, screen: GuardrailScreen?, masker: inout GuardrailMasker, restore: Bool, inJSON: Bool, tally: inout GuardrailTally
    ) -> String {
        guard !pending.isEmpty else { return "" }
        let screen = screen.flatMap { $0.isOff ? nil : $0 }
        if screen != nil && !final && pending.count < Self.outputHoldBack + Self.outputStep { return "" }
        var cut = pending.count
        var findings: [GuardrailFinding] = []
        if restore && !final { cut = placeholderStart(before: cut, longest: masker.longestPlaceholder) }
        if let screen {
            findings = screen.findings(in: String(decoding: pending, as: UTF8.self))
            if !final {
                cut = min(cut, max(0, pending.count - Self.outputHoldBack), longValueStart())
                for finding in findings where finding.range.lowerBound < cut && finding.range.upperBound > cut {
                    cut = finding.range.lowerBound
                }
                if let last = findings.last, last.range.upperBound == pending.count, last.range.lowerBound < cut {
                    cut = last.range.lowerBound
                }
            }
        }
        while cut > 0 && cut < pending.count && pending[cut] & 0xC0 == 0x80 { cut -= 1 }
        guard cut > 0 else { return "" }
        var text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        if let screen {
            let released = findings.filter { $0.range.upperBound <= cut }
            if let masked = screen.apply(text, findings: released, masker: &masker, tally: &tally) { text = masked }
        }
        if restore, let restored = masker.restore(text, inJSON: inJSON) { text = restored }
        return text
    }

    /// Where a long value that may still be growing starts (`pending.count` when none): its
    /// opening bytes, then only bytes it may hold, to the end of what has arrived.
    private func longValueStart() -> Int {
        var earliest = pending.count
        for (start, limit) in Self.longValues {
            let floor = max(0, pending.count - limit)
            var index = pending.count - start.count
            while index >= floor {
                if pending[index] == start[0] && pending[index..<(index + start.count)].elementsEqual(start) {
                    let open =
                        start[0] == UInt8(ascii: "e")
                        ? pending[index...].allSatisfy { $0.isTokenByte || $0 == UInt8(ascii: ".") }
                        : pending.withUnsafeBytes { ByteSearch.firstOffset(of: Self.pemEnd, in: $0, from: index) == nil }
                    if open { earliest = min(earliest, index) }
                    break
                }
                index -= 1
            }
        }
        return earliest
    }

    /// Where a placeholder that might not be finished by `cut` starts (`cut` when none): the last
    /// `[` within `longest` bytes before it, followed only by placeholder bytes.
    private func placeholderStart(before cut: Int, longest: Int) -> Int {
        guard longest > 0 else { return cut }
        var index = cut - 1
        let floor = max(0, cut - longest)
        while index >= floor {
            let byte = pending[index]
            if byte == UInt8(ascii: "[") { return index }
            guard GuardrailMasker.isStemByte(byte) else { return cut }
            index -= 1
        }
        return cut
    }
}
