import CoreMetrics

/// The stored responses' metrics. Labels: an operation from a fixed set.
extension GatewayMetrics {
    /// A stored-response operation that failed: `lookup`, `delete`, `store` (retried), `sweep`,
    /// `overflow` (unwritten responses dropped), `shutdown` (left unwritten at exit).
    func responsesStoreError(operation: String, count: Int = 1) {
        handles.counter(.init(.responsesStoreErrors, operation)) {
            CoreMetrics.Counter(label: "brokle_responses_store_errors_total", dimensions: [("operation", operation)], factory: factory)
        }.increment(by: count)
    }
}
