import BrokleCore
import Foundation

extension CacheEntryFilter {
    /// What a purge covered, for its audit row's target: `acme/web/production`, `acme`, or `all`.
    var auditTarget: String {
        let path = [org, project, environment].compactMap { $0 }.joined(separator: "/")
        return path.isEmpty ? "all" : path
    }

    /// The purge's filter, as its audit row's `before`.
    var auditState: JSONValue {
        .object([
            "model": model.map { .string($0) } ?? .null,
            "created_before": createdBefore.map { .string(RFC3339.string(from: $0)) } ?? .null,
            "expired_at": expiredAt.map { .string(RFC3339.string(from: $0)) } ?? .null,
        ])
    }
}
