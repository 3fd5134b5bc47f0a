/// An optional row field that is written as `null` when empty, instead of being left out (what
/// synthesized `Encodable` does with optionals). Rows keep one shape whatever they hold, which is
/// what `jq` filters and typed decoders expect.
@propertyWrapper
package struct Nullable<Value: Encodable>: Encodable {
    package var wrappedValue: Value?

    package init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension Nullable: Sendable where Value: Sendable {}
