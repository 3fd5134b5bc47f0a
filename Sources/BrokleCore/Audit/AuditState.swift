import Foundation

/// The state of each audited object as JSON for the audit log's `before` and `after`: the fields a
/// person changes, by the names the commands print. Built from the domain values, which hold no
/// secret (an ``APIKey`` has neither its secret nor its hash), so none can reach the log.
package enum AuditState {
    package static func of(_ organization: Organization) -> JSONValue {
        .object(["slug": .string(organization.slug), "name": .string(organization.name), "plan": .string(organization.plan.rawValue)])
    }

    package static func of(_ project: Project) -> JSONValue {
        .object(["org": .string(project.orgSlug), "slug": .string(project.slug), "name": .string(project.name)])
    }

    package static func of(_ environment: Environment) -> JSONValue {
        .object(["org": .string(environment.orgSlug), "project": .string(environment.projectSlug), "slug": .string(environment.slug)])
    }

    package static func of(_ member: Member) -> JSONValue {
        .object(["email": .string(member.email), "name": optional(member.name), "role": .string(member.role.rawValue)])
    }

    package static func of(_ key: APIKey) -> JSONValue {
        .object([
            "public_id": .string(key.publicID), "name": optional(key.name),
            "environment": .string("\(key.orgSlug)/\(key.projectSlug)/\(key.environmentSlug)"),
            "allowed_models": key.allowedModels.map { .array($0.map { .string($0.text) }) } ?? .null,
            "expires_at": date(key.expiresAt), "revoked_at": date(key.revokedAt),
            "previous_secret_valid_until": date(key.previousSecretValidUntil),
        ])
    }

    /// Rate limits on a scope; `scope` tells an environment's own limits from its per-user ones.
    package static func of(_ limits: RateLimits, scope: LimitScope.Kind) -> JSONValue {
        .object([
            "scope": .string(scope.rawValue), "rpm": optional(limits.rpm), "tpm": optional(limits.tpm),
            "concurrency": optional(limits.concurrency),
        ])
    }

    /// Budgets on a scope, by period, in USD.
    package static func of(_ budgets: [Budget], scope: LimitScope.Kind) -> JSONValue {
        var periods: [String: JSONValue] = [:]
        for budget in budgets { periods[budget.period.rawValue] = .double(Double(budget.limitNanoUSD) / 1e9) }
        return .object(["scope": .string(scope.rawValue), "limit_usd": .object(periods)])
    }

    package static func of(_ policy: LoggingPolicy, scope: LimitScope.Kind) -> JSONValue {
        .object([
            "scope": .string(scope.rawValue), "content": optional(policy.content?.rawValue),
            "trace_retention_seconds": optional(policy.traceRetentionSeconds),
            "content_retention_seconds": optional(policy.contentRetentionSeconds),
        ])
    }

    /// A guardrail policy as it is stored (its own JSON).
    package static func of(_ policy: GuardrailPolicy, scope: LimitScope.Kind) -> JSONValue {
        let stored = (try? JSONDecoder().decode(JSONValue.self, from: Data(policy.json.utf8))) ?? .string(policy.json)
        return .object(["scope": .string(scope.rawValue), "policy": stored])
    }

    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    static func optional(_ number: Int?) -> JSONValue { number.map { .int($0) } ?? .null }
    static func date(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.string(from: $0)) } ?? .null }
}
