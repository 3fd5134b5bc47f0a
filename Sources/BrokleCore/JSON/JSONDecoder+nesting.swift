import Foundation

extension JSONDecoder {
    /// Decodes JSON that came from outside the process (a client, an upstream, a JSON string
    /// inside either), after checking it nests no deeper than ``JSONNesting/maxDepth``: the decoder
    /// recurses once per level (``JSONValue`` several times), so a deep enough document would
    /// overflow the stack instead of failing. Throws ``JSONNesting/TooDeep`` for such a document,
    /// the decoder's own errors otherwise.
    package func decode<T: Decodable>(_ type: T.Type, fromUntrusted data: Data) throws -> T {
        guard JSONNesting.isWithinLimit(data) else { throw JSONNesting.TooDeep() }
        return try decode(type, from: data)
    }

    package func decode<T: Decodable>(_ type: T.Type, fromUntrusted bytes: some Collection<UInt8>) throws -> T {
        guard JSONNesting.isWithinLimit(bytes) else { throw JSONNesting.TooDeep() }
        return try decode(type, from: Data(bytes))
    }
}
