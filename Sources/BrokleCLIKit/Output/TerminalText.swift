/// Text from a request or an answer — what a client or an upstream wrote, so anyone's — made safe
/// to print on a terminal: control characters (ESC, carriage return, backspace, the C1 range, DEL)
/// and bidirectional overrides are shown as `\u{…}` escapes instead of being acted on, so a stored
/// prompt cannot move the cursor, recolour the screen, set the window title or reorder what is read.
enum TerminalText {
    /// `text` with every unsafe character escaped; line feeds and tabs are kept unless `singleLine`,
    /// which shows them as `\n` and `\t` (for table cells).
    static func safe(_ text: String, singleLine: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0, singleLine: singleLine) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar, singleLine: singleLine) else {
                out.append(scalar)
                continue
            }
            let escaped =
                switch scalar {
                case "\n": "\\n"
                case "\t": "\\t"
                case "\r": "\\r"
                default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar, singleLine: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: singleLine
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates ("Trojan Source"), line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
