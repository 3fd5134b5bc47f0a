extension GuardrailRules: Codable {
    /// Any string is a key: entity names and `default`.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        for key in container.allKeys {
            let action = try container.decode(GuardrailAction.self, forKey: key)
            if key.stringValue == GuardrailEntity.fallbackKey {
                fallback = action
                continue
            }
            do {
                let entity = try GuardrailEntity(validating: key.stringValue)
                actions[entity] = action
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: error.message))
            }
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (entity, action) in actions.sorted(by: { $0.key < $1.key }) { try container.encode(action, forKey: Key(entity.name)) }
        if let fallback { try container.encode(fallback, forKey: Key(GuardrailEntity.fallbackKey)) }
    }
}
