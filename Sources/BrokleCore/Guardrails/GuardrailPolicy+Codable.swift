import Foundation

extension GuardrailPolicyChange: Decodable {
    static let keys = ["input", "output", "restore", "deny"]

    package init(from decoder: any Decoder) throws {
        typealias Key = GuardrailRules.Key
        let container = try decoder.container(keyedBy: Key.self)
        // Asking for every known key first lets a decoder that checks keys (brokle.yaml's) suggest
        // the nearest one for a typo.
        for key in Self.keys { _ = container.contains(Key(key)) }
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !Self.keys.contains($0) }) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: container.codingPath + [Key(unknown)],
                    debugDescription: "unknown key (use \(Self.keys.joined(separator: ", ")))"))
        }
        self.init(
            input: try container.decodeIfPresent(GuardrailRules.self, forKey: Key("input")) ?? GuardrailRules(),
            output: try container.decodeIfPresent(GuardrailRules.self, forKey: Key("output")) ?? GuardrailRules(),
            restore: try container.decodeIfPresent(Bool.self, forKey: Key("restore")),
            deny: try container.decodeIfPresent([String].self, forKey: Key("deny")))
        do {
            try output.check(.output)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [Key("output")], debugDescription: error.message))
        }
        do {
            try Self.check(deny: deny ?? [])
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: error.message))
        }
    }

    /// The change a JSON text gives (`--policy`); the error names the key at fault.
    package init(json: String) throws(GuardrailPolicyError) {
        let data = Data(json.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw GuardrailPolicyError("not valid JSON (\(error.localizedDescription))")
        }
        do {
            self = try JSONDecoder().decode(GuardrailPolicyChange.self, from: data)
        } catch let error as DecodingError {
            throw GuardrailPolicyError(Self.describe(error))
        } catch {
            throw GuardrailPolicyError("\(error)")
        }
    }

    /// A decoding error as `key.path: reason`.
    package static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        func located(_ context: DecodingError.Context, _ reason: String) -> String {
            path(context).isEmpty ? reason : "\(path(context)): \(reason)"
        }
        switch error {
        case .keyNotFound(let key, let context): return located(context, "\(key.stringValue) missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return located(context, context.debugDescription)
        case .dataCorrupted(let context): return located(context, context.debugDescription)
        @unknown default: return "\(error)"
        }
    }
}

extension GuardrailPolicy: Codable {
    /// Every key optional; unknown keys, unknown actions and `block` on output are refused.
    package init(from decoder: any Decoder) throws {
        self = try GuardrailPolicyChange(from: decoder).applied(to: nil)
    }

    /// Every key, always: what is stored and printed says everything.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: GuardrailRules.Key.self)
        try container.encode(input, forKey: .init("input"))
        try container.encode(output, forKey: .init("output"))
        try container.encode(restore, forKey: .init("restore"))
        try container.encode(deny, forKey: .init("deny"))
    }

    /// The policy in `json` (as stored); the error names the key at fault.
    package init(json: String) throws(GuardrailPolicyError) {
        self = try GuardrailPolicyChange(json: json).applied(to: nil)
    }

    /// The policy as compact JSON with sorted keys.
    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, booleans and enums cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
