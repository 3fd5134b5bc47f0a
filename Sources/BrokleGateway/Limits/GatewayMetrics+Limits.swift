import CoreMetrics

/// The limiter's metrics: refusals by kind (`rpm`, `tpm`, `concurrency`, `usd`, `plan_requests`)
/// and scope level (`key`, `environment`, `project`, `organization`) — never by tenant.
extension GatewayMetrics {
    func limitRefused(kind: String, scope: String) {
        handles.counter(.init(.limitRefusals, kind, scope)) {
            CoreMetrics.Counter(label: "brokle_limit_refusals_total", dimensions: [("kind", kind), ("scope", scope)], factory: factory)
        }.increment()
    }

    /// A request let through unchecked because the database could not be asked.
    func limitUnenforced(kind: String) {
        handles.counter(.init(.limitUnenforced, kind)) {
            CoreMetrics.Counter(label: "brokle_limit_unenforced_total", dimensions: [("kind", kind)], factory: factory)
        }.increment()
    }

    /// The rules in force after a read of limits and budgets: scopes with rate or concurrency limits
    /// (`kind="rate"`) and budgets (`kind="budget"`, one per scope and period) — what an operator
    /// checks after `brokle limits set` (it applies within `BROKLE_LIMIT_REFRESH`).
    func limitRules(rates: Int, budgets: Int) {
        for (kind, count) in [("rate", rates), ("budget", budgets)] {
            handles.gauge(.init(.limitRules, kind)) {
                CoreMetrics.Gauge(label: "brokle_limit_rules", dimensions: [("kind", kind)], factory: factory)
            }.record(Double(count))
        }
    }

    /// A configured budget's current period: taken so far (reservations included) and its limit.
    /// Labelled by scope (`project:<id>`, …): budgets are configured by operators, so bounded.
    func budget(scope: String, period: String, used: Int64, limit: Int64) {
        handles.gauge(.init(.budgetUsed, scope, period)) {
            CoreMetrics.Gauge(label: "brokle_budget_used_usd", dimensions: [("scope", scope), ("period", period)], factory: factory)
        }.record(Double(used) / 1e9)
        handles.gauge(.init(.budgetLimit, scope, period)) {
            CoreMetrics.Gauge(label: "brokle_budget_limit_usd", dimensions: [("scope", scope), ("period", period)], factory: factory)
        }.record(Double(limit) / 1e9)
    }
}
