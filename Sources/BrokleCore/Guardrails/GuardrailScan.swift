/// One window of a text being scanned, and what the recognizers found in it.
///
/// A recognizer looks for anchors (an `@`, the first digit of a number, the first byte of a token)
/// at `start..<ownedEnd`; each anchor belongs to exactly one window, so a value is found once even
/// when windows overlap. From an anchor it may read a little before `start` (a word boundary, a
/// word like "phone:") and forward up to `limit`, which is at least ``GuardrailDetector/overlap``
/// past `ownedEnd`: every value the detector knows is shorter than that, so one that starts in the
/// window ends in it.
///
/// `steps` counts the bytes the recognizers examine (each loop adds what it read), so tests can
/// show that the work grows linearly without timing anything.
struct GuardrailScan {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let ownedEnd: Int
    let limit: Int
    var findings: [GuardrailFinding] = []
    var steps = 0

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, ownedEnd: Int, limit: Int) {
        self.bytes = bytes
        self.start = start
        self.ownedEnd = ownedEnd
        self.limit = limit
    }

    /// The byte at `index`, or 0 (which no recognizer takes) outside `0..<limit`.
    @inline(__always) func at(_ index: Int) -> UInt8 {
        index >= 0 && index < limit ? bytes[index] : 0
    }

    /// Whether the bytes at `index` are `literal`, compared exactly.
    func matches(_ literal: StaticString, at index: Int) -> Bool {
        // `withUTF8Buffer`, not `utf8Start`: a one-character literal may be stored as a scalar.
        literal.withUTF8Buffer { literal in
            guard index >= 0, index + literal.count <= limit else { return false }
            for offset in 0..<literal.count where bytes[index + offset] != literal[offset] { return false }
            return true
        }
    }

    /// Whether the bytes at `index` are `literal` (lower-case ASCII), ignoring case.
    func matchesIgnoringCase(_ literal: StaticString, at index: Int) -> Bool {
        literal.withUTF8Buffer { literal in
            guard index >= 0, index + literal.count <= limit else { return false }
            for offset in 0..<literal.count where bytes[index + offset].asciiLowercased != literal[offset] { return false }
            return true
        }
    }

    /// The end of the run of bytes from `index` that `include` accepts, reading at most `cap` bytes
    /// (so the result is at most `index + cap`).
    @inline(__always) mutating func runEnd(from index: Int, cap: Int = .max, _ include: (UInt8) -> Bool) -> Int {
        var end = index
        let stop = cap == .max ? limit : min(limit, index + cap)
        while end < stop, include(bytes[end]) { end += 1 }
        steps &+= end - index + 1
        return end
    }

    mutating func add(_ entity: GuardrailEntity, _ detail: String, _ range: Range<Int>, _ confidence: Double) {
        findings.append(GuardrailFinding(entity: entity, detail: detail, range: range, confidence: confidence))
    }
}
