/// Model allow-lists on keys: exact names or `*` wildcards (`gpt-4o`, `claude-*`, `*`).
package struct ModelPattern: Sendable, Equatable, Codable, CustomStringConvertible {
    package let text: String

    package init(_ text: String) throws(BrokleError) {
        let trimmed = text.trimmingSQLWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 200,
            trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "," && $0.value < 0x7F })
        else {
            throw BrokleError(.usage, "invalid model pattern '\(text)'", hint: "use model names or wildcards such as gpt-4o,claude-*")
        }
        self.text = trimmed
    }

    /// Parses a comma-separated list (`gpt-4o,claude-*`).
    package static func list(_ text: String) throws(BrokleError) -> [ModelPattern] {
        var patterns: [ModelPattern] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            patterns.append(try ModelPattern(String(part)))
        }
        return patterns
    }

    package func matches(_ model: String) -> Bool {
        Self.glob(Array(text.unicodeScalars)[...], Array(model.unicodeScalars)[...])
    }

    private static func glob(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        if head == "*" {
            let rest = pattern.dropFirst()
            var suffix = text
            while true {
                if glob(rest, suffix) { return true }
                guard !suffix.isEmpty else { return false }
                suffix = suffix.dropFirst()
            }
        }
        guard let first = text.first, first == head else { return false }
        return glob(pattern.dropFirst(), text.dropFirst())
    }

    package var description: String { text }
}
