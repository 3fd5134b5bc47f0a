/// What a policy does with a finding, ordered by strictness: when several policies apply to one
/// request, the strictest action wins (``GuardrailPolicy/merged(with:)``).
package enum GuardrailAction: String, Codable, Sendable, CaseIterable, Comparable {
    /// Nothing: the entity is not looked for.
    case off
    /// The finding is counted in the trace and metrics; the text goes on unchanged.
    case log
    /// The value is replaced by a placeholder (`[EMAIL_1]`) before it goes on.
    case mask
    /// The request is refused (input only: an answer already produced cannot be refused).
    case block

    /// The action a word names, or an error listing the words.
    package init(word: String) throws(GuardrailPolicyError) {
        guard let action = GuardrailAction(rawValue: word) else {
            throw GuardrailPolicyError("unknown action '\(word)' (use \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = action
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try GuardrailAction(word: try container.decode(String.self))
        } catch let error as GuardrailPolicyError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    private var strictness: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: GuardrailAction, rhs: GuardrailAction) -> Bool { lhs.strictness < rhs.strictness }
}
