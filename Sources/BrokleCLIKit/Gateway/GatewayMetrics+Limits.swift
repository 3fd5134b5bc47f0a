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
}
