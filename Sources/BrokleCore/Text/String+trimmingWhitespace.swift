/// Leading and trailing whitespace dropped (any Unicode whitespace, newlines included): user input
/// such as e-mail addresses and model patterns, and SQL statements split from a migration file.
extension String {
    package func trimmingSQLWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
