import Yams

/// A `Decoder` that decodes exactly as the one it wraps, and notes in a ``KeyLedger`` which keys
/// each mapping of the file has and which of them the value types asked for. A key nobody asked for
/// is one no setting reads: a typo (`cach:`) or a setting that does not exist. The types keep their
/// synthesized `Decodable` conformances, so the schema is the code itself and cannot drift from it.
struct KeyCheckingDecoder: Decoder {
    let inner: any Decoder
    let ledger: KeyLedger

    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let container = try inner.container(keyedBy: type)
        // The typed container lists only the keys `Key` knows; any string is a key of `AnyKey`.
        if let all = try? inner.container(keyedBy: AnyKey.self) {
            ledger.found(all.allKeys.map(\.stringValue), at: codingPath)
        }
        return KeyedDecodingContainer(Keyed(inner: container, ledger: ledger))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(inner: try inner.unkeyedContainer(), ledger: ledger)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(inner: try inner.singleValueContainer(), decoder: self)
    }

    /// Scalars go to the wrapped decoder as they are (Yams knows their text forms: numbers, booleans,
    /// timestamps); anything else is decoded through a checking decoder of its own, so nested
    /// mappings are checked too.
    static func isScalar(_ type: Any.Type) -> Bool { type is any ScalarConstructible.Type }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) {
            self.stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let inner: KeyedDecodingContainer<Key>
        let ledger: KeyLedger

        var codingPath: [any CodingKey] { inner.codingPath }
        var allKeys: [Key] { inner.allKeys }

        func contains(_ key: Key) -> Bool {
            ledger.asked(key.stringValue, at: codingPath)
            return inner.contains(key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            ledger.asked(key.stringValue, at: codingPath)
            return try inner.decodeNil(forKey: key)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            ledger.asked(key.stringValue, at: codingPath)
            if KeyCheckingDecoder.isScalar(type) { return try inner.decode(type, forKey: key) }
            return try T(from: KeyCheckingDecoder(inner: try inner.superDecoder(forKey: key), ledger: ledger))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            ledger.asked(key.stringValue, at: codingPath)
            return try KeyCheckingDecoder(inner: try inner.superDecoder(forKey: key), ledger: ledger).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            ledger.asked(key.stringValue, at: codingPath)
            return Unkeyed(inner: try inner.nestedUnkeyedContainer(forKey: key), ledger: ledger)
        }

        func superDecoder() throws -> any Decoder { KeyCheckingDecoder(inner: try inner.superDecoder(), ledger: ledger) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            ledger.asked(key.stringValue, at: codingPath)
            return KeyCheckingDecoder(inner: try inner.superDecoder(forKey: key), ledger: ledger)
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        var inner: any UnkeyedDecodingContainer
        let ledger: KeyLedger

        var codingPath: [any CodingKey] { inner.codingPath }
        var count: Int? { inner.count }
        var isAtEnd: Bool { inner.isAtEnd }
        var currentIndex: Int { inner.currentIndex }

        mutating func decodeNil() throws -> Bool { try inner.decodeNil() }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if KeyCheckingDecoder.isScalar(type) { return try inner.decode(type) }
            return try T(from: KeyCheckingDecoder(inner: try inner.superDecoder(), ledger: ledger))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try KeyCheckingDecoder(inner: try inner.superDecoder(), ledger: ledger).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(inner: try inner.nestedUnkeyedContainer(), ledger: ledger)
        }

        mutating func superDecoder() throws -> any Decoder { KeyCheckingDecoder(inner: try inner.superDecoder(), ledger: ledger) }
    }

    private struct Single: SingleValueDecodingContainer {
        let inner: any SingleValueDecodingContainer
        let decoder: KeyCheckingDecoder

        var codingPath: [any CodingKey] { inner.codingPath }
        func decodeNil() -> Bool { inner.decodeNil() }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if KeyCheckingDecoder.isScalar(type) { return try inner.decode(type) }
            return try T(from: decoder)
        }
    }
}

/// A value decoded through a ``KeyCheckingDecoder`` writing to the ``KeyLedger`` found in the
/// decoder's `userInfo` under ``KeyLedger/userInfoKey``.
struct KeyChecked<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        guard let ledger = decoder.userInfo[KeyLedger.userInfoKey] as? KeyLedger else {
            value = try Value(from: decoder)
            return
        }
        value = try Value(from: KeyCheckingDecoder(inner: decoder, ledger: ledger))
    }
}
