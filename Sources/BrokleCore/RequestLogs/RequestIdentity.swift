/// Who a request was made for and what it belongs to, as the client said: the end user (the OpenAI
/// `user` field, Anthropic's `metadata.user_id` or `x-brokle-user`), the conversation
/// (`x-brokle-session`), tags (`x-brokle-tags: a,b`) and free metadata (`x-brokle-metadata: {json}`).
/// Stored on the trace and the OTLP span, filtered and grouped by the readers, erased by
/// `brokle trace purge`. Every value is bounded here, so a trace row stays small whatever a client sends.
package struct RequestIdentity: Sendable, Equatable {
    package var endUser: String?
    package var sessionID: String?
    /// Distinct, in the client's order.
    package var tags: [String]
    /// A JSON object of scalar values, as the client wrote it (validated by ``metadata(header:)``).
    package var metadata: String?

    package init(endUser: String? = nil, sessionID: String? = nil, tags: [String] = [], metadata: String? = nil) {
        self.endUser = endUser
        self.sessionID = sessionID
        self.tags = tags
        self.metadata = metadata
    }

    package var isEmpty: Bool { endUser == nil && sessionID == nil && tags.isEmpty && metadata == nil }

    /// Longest end user or session id, in bytes.
    package static let maximumIDBytes = 256
    /// Most tags a request may carry, and the longest one in bytes.
    package static let maximumTags = 16
    package static let maximumTagBytes = 64
    /// Largest metadata header, in bytes, most keys, longest key and longest string value.
    package static let maximumMetadataBytes = 4_096
    package static let maximumMetadataKeys = 32
    package static let maximumMetadataKeyBytes = 64

    /// An end user or session id: trimmed; empty means none; longer than ``maximumIDBytes``, or
    /// holding control characters (C0, DEL, C1) or bidirectional overrides (which would reorder
    /// what a terminal or a page shows around it), is refused.
    package static func identifier(_ value: String?, name: String) throws(GatewayError) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.utf8.count <= maximumIDBytes else {
            throw .invalidRequest("\(name) is longer than \(maximumIDBytes) bytes.", param: name)
        }
        guard !trimmed.unicodeScalars.contains(where: isRefused) else {
            throw .invalidRequest("\(name) holds control characters or bidirectional overrides.", param: name)
        }
        return trimmed
    }

    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `a, b,c` → `["a", "b", "c"]`: each trimmed, empty ones dropped, duplicates once. Letters,
    /// digits and `_ - . : /` only, so a tag is safe in any query, URL or label.
    package static func tags(header: String?) throws(GatewayError) -> [String] {
        guard let header else { return [] }
        var tags: [String] = []
        for part in header.split(separator: ",", omittingEmptySubsequences: true) {
            let tag = String(part).trimmingASCIIWhitespace()
            guard !tag.isEmpty, !tags.contains(tag) else { continue }
            guard tag.utf8.count <= maximumTagBytes, tag.utf8.allSatisfy(isTagByte) else {
                throw .invalidRequest(
                    "x-brokle-tags: each tag is 1–\(maximumTagBytes) of the characters A–Z a–z 0–9 _ - . : /, separated by commas.",
                    param: "x-brokle-tags")
            }
            tags.append(tag)
        }
        guard tags.count <= maximumTags else {
            throw .invalidRequest("x-brokle-tags: at most \(maximumTags) tags.", param: "x-brokle-tags")
        }
        return tags
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (no Foundation in the core).
    package func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension RequestIdentity {
    /// Tags as stored in `traces.tags`: a JSON array of strings.
    package static func tagsJSON(_ tags: [String]) -> String {
        "[" + tags.map { String(decoding: JSONScanner.encodeString($0), as: UTF8.self) }.joined(separator: ",") + "]"
    }
}
