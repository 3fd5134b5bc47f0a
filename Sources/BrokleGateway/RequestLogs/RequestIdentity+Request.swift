import BrokleCore
import BrokleProviders
import BrokleTransport
import HTTPTypes

extension RequestIdentity {
    static let userHeader = HTTPField.Name("x-brokle-user")!
    static let sessionHeader = HTTPField.Name("x-brokle-session")!
    static let tagsHeader = HTTPField.Name("x-brokle-tags")!
    static let metadataHeader = HTTPField.Name("x-brokle-metadata")!

    /// What the client said about who and what the request is for: the end user from
    /// `x-brokle-user`, else the body's own field (OpenAI's `user`, Anthropic's `metadata.user_id`);
    /// the session, tags and metadata from their headers. A value out of bounds is a 400.
    static func read(_ headers: HTTPFields, body: RequestInspector, native: RequestInspector?, nativeFormat: WireFormat)
        throws(GatewayError) -> RequestIdentity
    {
        // The four names in one pass over the fields: a lookup by name scans them once each, and
        // that was two dozen allocations a request in the debug build's allocation budget.
        var user, session, tags, metadata: String?
        for field in headers {
            switch field.name {
            case userHeader: user = joined(user, field.value)
            case sessionHeader: session = joined(session, field.value)
            case tagsHeader: tags = joined(tags, field.value, separator: ",")
            case metadataHeader: metadata = joined(metadata, field.value)
            default: continue
            }
        }
        let bodyUser: String? =
            if nativeFormat == .anthropicMessages, let native {
                native.object("metadata")?.string("user_id")
            } else {
                body.string("user")
            }
        // The header is the gateway's own: out of bounds, a 400. The body's field is the provider
        // API's, which clients already send: one this gateway cannot keep is not recorded, and the
        // request goes on as before.
        let endUser: String?
        if let user {
            endUser = try identifier(user, name: "x-brokle-user")
        } else {
            endUser = (try? identifier(bodyUser, name: "user")) ?? nil
        }
        return RequestIdentity(
            endUser: endUser,
            sessionID: try identifier(session, name: "x-brokle-session"),
            tags: try Self.tags(header: tags),
            metadata: try Self.metadata(header: metadata))
    }

    /// A header sent more than once: its values joined as HTTP joins them (tags by a comma, which
    /// separates them anyway; repeated metadata then is no longer one JSON object: a 400).
    private static func joined(_ earlier: String?, _ value: String, separator: String = ", ") -> String {
        earlier.map { $0 + separator + value } ?? value
    }
}
