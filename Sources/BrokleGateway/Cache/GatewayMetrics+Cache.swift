import CoreMetrics

/// The response cache's metrics. Labels: configured model names, a result from a fixed set, an
/// operation from a fixed set.
extension GatewayMetrics {
    /// One cache decision: `hit_exact`, `hit_semantic`, `miss` or `bypass`.
    func cacheLookup(model: String, result: String) {
        handles.counter(.init(.cacheLookups, model, result)) {
            CoreMetrics.Counter(label: "brokle_cache_lookups_total", dimensions: [("model", model), ("result", result)], factory: factory)
        }.increment()
    }

    /// What a hit did not spend.
    func cacheSaved(model: String, input: Int, output: Int, usd: Double?) {
        for (type, count) in [("input", input), ("output", output)] where count > 0 {
            handles.counter(.init(.cacheSavedTokens, model, type)) {
                CoreMetrics.Counter(
                    label: "brokle_cache_saved_tokens_total", dimensions: [("model", model), ("type", type)], factory: factory)
            }.increment(by: count)
        }
        if let usd {
            handles.floatingPointCounter(.init(.cacheSavedUSD, model)) {
                FloatingPointCounter(label: "brokle_cache_saved_usd_total", dimensions: [("model", model)], factory: factory)
            }.increment(by: usd)
        }
    }

    /// A cache operation that failed and was skipped (the request went on): `lookup`, `store`,
    /// `embed`, `sweep`, `overflow` (a write dropped because the write queue was full).
    func cacheError(operation: String) {
        handles.counter(.init(.cacheErrors, operation)) {
            CoreMetrics.Counter(label: "brokle_cache_errors_total", dimensions: [("operation", operation)], factory: factory)
        }.increment()
    }
}
