import BrokleCore
import BrokleProviders
import Crypto
import Foundation

/// What the response cache needs from one request: the exact key, and for a semantic lookup the
/// partition (everything but the last user turn) and that turn's text. Keys are SHA-256 of a
/// canonical form (``CanonicalJSON``: sorted keys, normalised numbers) of the scope, the endpoint,
/// the client's dialect and the whole body minus transport fields — so two byte-different but
/// equal bodies share a key, and two tenants never do.
struct CacheRequest: Sendable {
    /// `env:<id>`, `project:<id>` or `org:<id>`: who asks, never what is asked.
    let scope: String
    let exactKey: String
    let semantic: Semantic?

    struct Semantic: Sendable {
        /// Hashed with the embedder's id, so vectors of different embedders never meet.
        let partition: String
        let text: String
    }

    /// The cache view of `body` (the client's own JSON object); nil when it is not an object.
    init?(
        body: [UInt8], policy: CachePolicy, key: KeyContext, endpoint: Endpoint, dialect: any ClientDialect, embedderID: String?
    ) {
        guard case .object(var fields)? = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: body) else { return nil }
        for field in dialect.transportFields { fields[field] = nil }
        let scope =
            switch policy.scope {
            case .environment: "env:\(key.environmentID)"
            case .project: "project:\(key.projectID)"
            case .organization: "org:\(key.organizationID)"
            }
        func digest(_ parts: [String: JSONValue]) -> String {
            // Not `String(format: "%02x")` a byte: 32 Foundation formatting calls a key.
            Hex.string(bytes: Array(SHA256.hash(data: CanonicalJSON.bytes(.object(parts)))))
        }
        let common: [String: JSONValue] = [
            "v": .int(1), "scope": .string(scope), "organization": .string(key.organizationID),
            "endpoint": .string(endpoint.rawValue), "dialect": .string(dialect.name),
        ]
        self.scope = scope
        self.exactKey = digest(common.merging(["body": .object(fields)]) { $1 })
        guard policy.mode == .semantic, endpoint == .chatCompletions, let embedderID,
            let (masked, text) = Self.lastUserTurn(fields)
        else {
            self.semantic = nil
            return
        }
        let partition = digest(common.merging(["body": .object(masked), "embedder": .string(embedderID)]) { $1 })
        self.semantic = Semantic(partition: partition, text: text)
    }

    /// The body with the last message's content blanked, and that content's text — when the last
    /// message is the user's and holds text only (OpenAI and Anthropic shapes alike).
    static func lastUserTurn(_ fields: [String: JSONValue]) -> ([String: JSONValue], String)? {
        guard case .array(var messages)? = fields["messages"], case .object(var last)? = messages.last,
            last["role"] == .string("user")
        else { return nil }
        let text: String
        switch last["content"] {
        case .string(let content)?:
            text = content
        case .array(let parts)?:
            var texts: [String] = []
            for part in parts {
                guard case .object(let object) = part, object["type"] == .string("text"), case .string(let value)? = object["text"] else {
                    return nil
                }
                texts.append(value)
            }
            text = texts.joined(separator: "\n")
        default:
            return nil
        }
        guard !text.isEmpty else { return nil }
        last["content"] = .null
        messages[messages.count - 1] = .object(last)
        var masked = fields
        masked["messages"] = .array(messages)
        return (masked, text)
    }
}
