import BrokleCore
import BrokleStorage
import Foundation

/// A scope's guardrail policy as `guardrails ...` print it: the policy as one JSON object.
struct GuardrailPolicyFields: ScopedRowFields {
    static let columns = ["policy", "updated_at"]
    var policy: GuardrailPolicy
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case policy, createdAt = "created_at", updatedAt = "updated_at" }

    init(_ entry: GuardrailPolicyStore.Entry) {
        policy = entry.policy
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
    }
}

typealias GuardrailPolicyRow = ScopedRow<GuardrailPolicyFields>

extension ScopedRow where Fields == GuardrailPolicyFields {
    init(_ entry: GuardrailPolicyStore.Entry) {
        self.init(entry.path, GuardrailPolicyFields(entry))
    }
}
