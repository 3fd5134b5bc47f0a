/// How much of a stream's text the assembler copies: up to the capture's cap, then only counted.
struct ContentBudget {
    let limit: Int
    private(set) var copied = 0
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether a piece of `size` bytes is copied, counting it either way: while the whole of it
    /// fits; from the first piece that does not, nothing more is copied (a later, smaller piece
    /// would leave a hole in the middle of the answer), only counted.
    mutating func admit(_ size: Int) -> Bool {
        if dropped == 0, copied + size <= limit {
            copied += size
            return true
        }
        dropped += size
        return false
    }

    mutating func append(_ piece: String, to text: inout String) {
        if admit(piece.utf8.count) { text += piece }
    }

    /// Appends the text of the JSON string whose bytes between the quotes are `escaped` (see
    /// ``JSONText``) while it fits. A piece is read once when it surely fits (its text is never
    /// longer than its escaped form), twice near the cap, and past the cap only measured.
    mutating func append(_ escaped: UnsafeRawBufferPointer, to text: inout [UInt8]) {
        if dropped == 0, copied + escaped.count <= limit {
            copied += JSONText.append(escaped, to: &text)
        } else if admit(JSONText.decodedLength(escaped)) {
            JSONText.append(escaped, to: &text)
        }
    }

    /// Appends to text that is begun (empty) when there was none: a string that came is kept,
    /// even empty or past the cap.
    mutating func append(_ escaped: UnsafeRawBufferPointer, to text: inout [UInt8]?) {
        if text == nil {
            // Room for a short answer at once, rather than growing it a chunk's piece at a time.
            text = []
            text!.reserveCapacity(min(limit, 256))
        }
        append(escaped, to: &text!)
    }

    /// Counts `size` bytes that were not copied (a part of an answer the cap cut).
    mutating func drop(_ size: Int) {
        dropped += size
    }
}
