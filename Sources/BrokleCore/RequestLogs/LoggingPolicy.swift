/// What a scope (organization, project or environment) keeps of its requests (`brokle logging set`):
/// whether content is captured, and — for an organization — how long traces and content are kept.
/// A field left nil defers to the wider scope, then to the gateway's default.
package struct LoggingPolicy: Sendable, Equatable, Codable {
    package var content: ContentCapture?
    /// Seconds a trace (metadata) is kept; nil: the default; 0: forever.
    package var traceRetentionSeconds: Int?
    /// Seconds captured content is kept; nil: the default; 0: as long as its trace.
    package var contentRetentionSeconds: Int?

    package init(content: ContentCapture? = nil, traceRetentionSeconds: Int? = nil, contentRetentionSeconds: Int? = nil) {
        self.content = content
        self.traceRetentionSeconds = traceRetentionSeconds
        self.contentRetentionSeconds = contentRetentionSeconds
    }

    package var isEmpty: Bool { content == nil && traceRetentionSeconds == nil && contentRetentionSeconds == nil }

    /// The policies of one request's scopes, widest first (organization, project, environment):
    /// for each field the narrowest scope that sets it wins.
    package static func merged(_ widestFirst: [LoggingPolicy]) -> LoggingPolicy {
        var merged = LoggingPolicy()
        for policy in widestFirst {
            if let content = policy.content { merged.content = content }
            if let seconds = policy.traceRetentionSeconds { merged.traceRetentionSeconds = seconds }
            if let seconds = policy.contentRetentionSeconds { merged.contentRetentionSeconds = seconds }
        }
        return merged
    }

    enum CodingKeys: String, CodingKey {
        case content
        case traceRetentionSeconds = "trace_retention_seconds"
        case contentRetentionSeconds = "content_retention_seconds"
    }
}
