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
        // Each name in one pass over the fields (`value`): the subscript would scan twice and join.
        let user = headers.value(userHeader)
        let bodyUser: String? =
            if nativeFormat == .anthropicMessages, let native {
                native.object("metadata")?.string("user_id")
            } else {
                body.string("user")
            }
        return RequestIdentity(
            endUser: try identifier(user ?? bodyUser, name: user == nil ? "user" : "x-brokle-user"),
            sessionID: try identifier(headers.value(sessionHeader), name: "x-brokle-session"),
            tags: try tags(header: headers.value(tagsHeader)),
            metadata: try metadata(header: headers.value(metadataHeader)))
    }
}
