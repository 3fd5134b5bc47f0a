import BrokleCore
import BrokleStorage
import Foundation

/// A scope's limits as `limits ...` print them (null: no limit of that kind).
struct LimitFields: ScopedRowFields {
    static let columns = ["rpm", "tpm", "concurrency", "updated_at"]
    @Nullable var rpm: Int?
    @Nullable var tpm: Int?
    @Nullable var concurrency: Int?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case rpm, tpm, concurrency, createdAt = "created_at", updatedAt = "updated_at" }

    init(_ limit: ScopeLimit) {
        rpm = limit.limits.rpm
        tpm = limit.limits.tpm
        concurrency = limit.limits.concurrency
        createdAt = limit.createdAt
        updatedAt = limit.updatedAt
    }
}

typealias LimitRow = ScopedRow<LimitFields>

extension ScopedRow where Fields == LimitFields {
    init(_ entry: LimitStore.Entry) {
        self.init(entry.path, LimitFields(entry.limit))
    }
}
