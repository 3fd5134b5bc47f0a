/// How replay cuts a stored text into stream deltas.
enum ReplayText {
    /// `text` in pieces of `size` characters (the last may be shorter), cut between grapheme
    /// clusters, so never inside a UTF-8 scalar, an emoji or a letter and its combining marks. One
    /// piece when `size` is nil; none for empty text.
    static func pieces(_ text: String, size: Int?) -> [String] {
        guard !text.isEmpty else { return [] }
        guard let requested = size else { return [text] }
        let size = max(1, requested)
        var pieces: [String] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = text.index(start, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
            pieces.append(String(text[start..<end]))
            start = end
        }
        return pieces
    }
}
