extension RequestIdentity {
    /// The `x-brokle-metadata` header: a JSON object of at most ``maximumMetadataKeys`` keys (each
    /// at most ``maximumMetadataKeyBytes`` bytes) whose values are strings, numbers, booleans or
    /// null, at most ``maximumMetadataBytes`` in all. Returned as written (an empty object: none).
    package static func metadata(header: String?) throws(GatewayError) -> String? {
        guard let header else { return nil }
        let text = header.trimmingASCIIWhitespace()
        guard !text.isEmpty else { return nil }
        guard text.utf8.count <= maximumMetadataBytes else {
            throw badMetadata("is larger than \(maximumMetadataBytes) bytes")
        }
        let bytes = Array(text.utf8)
        var scanner = JSONScanner(bytes: bytes)
        var keys = 0
        var problem: String?
        do throws(JSONScanner.Failure) {
            _ = try scanner.visitTopLevelObject { key, value in
                keys += 1
                guard problem == nil else { return }
                if key.count > maximumMetadataKeyBytes + 2 || key.count <= 2 {
                    problem = "has a key that is empty or longer than \(maximumMetadataKeyBytes) bytes"
                } else if let first = value.first.map({ bytes[$0] }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                    problem = "has a value that is an object or array (strings, numbers, booleans and null only)"
                }
            }
        } catch {
            throw badMetadata("is not a JSON object")
        }
        if let problem { throw badMetadata(problem) }
        guard keys <= maximumMetadataKeys else { throw badMetadata("has more than \(maximumMetadataKeys) keys") }
        return keys == 0 ? nil : text
    }

    private static func badMetadata(_ problem: String) -> GatewayError {
        .invalidRequest("x-brokle-metadata \(problem).", param: "x-brokle-metadata")
    }
}
