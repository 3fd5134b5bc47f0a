import BrokleCore
import Foundation

/// A request refused by a limit: OpenAI's 429 — `rate_limit_exceeded` for rates and concurrency,
/// `insufficient_quota` for budgets and plan quotas — naming the caller's own scope and limit, with
/// `retry-after` and OpenAI's `x-ratelimit-*` headers so the SDKs' retry logic works unchanged.
enum LimitRefusal {
    static func error(_ need: LimitRules.Need, key: KeyContext, retryAfter: TimeInterval?) -> GatewayError {
        let scope = describe(need.counter.scope, key: key)
        let wait = retryAfter.map { max(0.001, $0) }
        let retry = wait.map { " Retry in \(DurationText.compact($0))." } ?? ""
        var error: GatewayError
        switch need.counter.kind {
        case .rpm:
            error = GatewayError(
                status: 429, type: "requests", code: "rate_limit_exceeded",
                message: "Rate limit reached for \(scope) on requests per minute: limit \(need.limit).\(retry)")
        case .tpm:
            error = GatewayError(
                status: 429, type: "tokens", code: "rate_limit_exceeded",
                message:
                    "Rate limit reached for \(scope) on tokens per minute: limit \(need.limit), this request needs about \(need.amount).\(retry)"
            )
        case .concurrency:
            error = GatewayError(
                status: 429, type: "requests", code: "rate_limit_exceeded",
                message: "Too many concurrent requests for \(scope): limit \(need.limit).\(retry)")
        case .usd:
            error = GatewayError(
                status: 429, type: "insufficient_quota", code: "insufficient_quota",
                message:
                    "Budget exhausted for \(scope): \(CostCalculator.usdText(nano: need.limit)) USD per \(need.counter.period?.rawValue ?? "period").\(retry)"
            )
        case .planRequests:
            error = GatewayError(
                status: 429, type: "insufficient_quota", code: "insufficient_quota",
                message:
                    "Monthly request quota of the \(key.plan.rawValue) plan reached for organization \(key.orgSlug): limit \(need.limit).\(retry)"
            )
        }
        var headers: [String: String] = [:]
        if let wait {
            headers["retry-after"] = String(Int(wait.rounded(.up))); headers["retry-after-ms"] = String(Int((wait * 1000).rounded(.up)))
        }
        switch need.counter.kind {
        case .rpm, .concurrency:
            headers["x-ratelimit-limit-requests"] = String(need.limit)
            headers["x-ratelimit-remaining-requests"] = "0"
            headers["x-ratelimit-reset-requests"] = DurationText.compact(wait ?? 1)
        case .tpm:
            headers["x-ratelimit-limit-tokens"] = String(need.limit)
            headers["x-ratelimit-remaining-tokens"] = "0"
            headers["x-ratelimit-reset-tokens"] = DurationText.compact(wait ?? 1)
        case .usd, .planRequests:
            break
        }
        error.headers = headers
        return error
    }

    /// The caller's own scope, by its names (never another tenant's).
    static func describe(_ scope: LimitScope, key: KeyContext) -> String {
        switch scope.kind {
        case .key: "key \(key.publicID)"
        case .environment: "environment \(key.orgSlug)/\(key.projectSlug)/\(key.environmentSlug)"
        case .project: "project \(key.orgSlug)/\(key.projectSlug)"
        case .organization: "organization \(key.orgSlug)"
        case .endUser: "this end user of environment \(key.orgSlug)/\(key.projectSlug)/\(key.environmentSlug)"
        }
    }
}
