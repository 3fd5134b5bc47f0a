import BrokleCore
import BrokleStorage
import Foundation

/// A scope's logging policy as `logging ...` print it: null where the scope defers to a wider one
/// (or the default); a retention of 0 seconds keeps forever.
struct LoggingPolicyFields: ScopedRowFields {
    static let columns = ["content", "trace_retention_seconds", "content_retention_seconds", "updated_at"]
    @Nullable var content: ContentCapture?
    @Nullable var traceRetentionSeconds: Int?
    @Nullable var contentRetentionSeconds: Int?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case content
        case traceRetentionSeconds = "trace_retention_seconds"
        case contentRetentionSeconds = "content_retention_seconds"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ entry: LoggingPolicyStore.Entry) {
        content = entry.policy.content
        traceRetentionSeconds = entry.policy.traceRetentionSeconds
        contentRetentionSeconds = entry.policy.contentRetentionSeconds
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
    }
}

typealias LoggingPolicyRow = ScopedRow<LoggingPolicyFields>

extension ScopedRow where Fields == LoggingPolicyFields {
    init(_ entry: LoggingPolicyStore.Entry) {
        self.init(entry.path, LoggingPolicyFields(entry))
    }
}
