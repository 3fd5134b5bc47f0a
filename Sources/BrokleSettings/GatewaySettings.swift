import BrokleCore
import Foundation

/// Everything `brokle proxy` needs beyond ``BrokleConfig``: where to listen, which providers and
/// models to serve, and the gateway's limits.
package struct GatewaySettings: Sendable {
    package var host: String
    package var port: Int
    package var catalog: ProviderCatalog
    /// Where the catalog came from (a brokle.yaml path, or "defaults").
    package var catalogSource: String
    /// Circuit breaker and least-latency exploration (brokle.yaml `routing:`).
    package var routing = RoutingSettings()
    /// Model prices: the shipped data, overridden by brokle.yaml's `pricing:`.
    package var prices: PriceBook = PriceBook(entries: [])
    /// Connections open at once to one provider origin from one event loop (one per core); past it
    /// an attempt waits for one within its time limit (`BROKLE_UPSTREAM_MAX_CONNECTIONS`).
    package var upstreamMaxConnections = 1024
    /// Largest accepted request body.
    package var maxBodyBytes: Int = 8 * 1024 * 1024
    /// How long in-flight requests and streams may take to finish after SIGTERM.
    package var drainTimeout: TimeInterval = 30
    /// Whether freed memory goes back to the system once the gateway is quiet (``MemoryTrimmer``).
    /// Off only where many gateways share one process (the tests): each trim walks the whole
    /// process's heap under the allocator's locks.
    package var trimsMemory = true
    /// How long an authenticated key (or a rejected one) is trusted without asking the database.
    package var authCacheTTL: TimeInterval = 30
    package var authNegativeCacheTTL: TimeInterval = 5
    /// Traces waiting to be written; past this the queue is spilled to disk (``TraceSpill``), never waited for.
    package var traceQueueCapacity: Int = 50_000
    /// Bytes of captured content the trace queue may hold before it is spilled like a full queue.
    package var traceQueueContentBytes: Int = 256 << 20
    package var traceFlushInterval: TimeInterval = 0.25
    /// How often `api_keys.last_used_at` is written.
    package var keyUsageFlushInterval: TimeInterval = 10
    /// Longest a key lookup may wait for the database before the request gets a 503.
    package var authLookupTimeout: TimeInterval = 2
    /// How long a key the database accepted stays usable while the database cannot be reached
    /// (stale-if-error). A key revoked during an outage keeps working until it ends or this passes.
    package var authStaleIfError: TimeInterval = 600
    /// Longest one trace batch (or key-usage write) may take before it counts as failed and is retried.
    package var traceWriteTimeout: TimeInterval = 10
    /// Where traces go when the database cannot take them and memory must be freed (the queue half
    /// full, or the process stopping): JSON lines, ingested on the next start.
    package var spillDirectory = "brokle-spill"
    /// How often the database is checked: while it answers, and while it is down.
    package var databaseCheckInterval: TimeInterval = 5
    package var databaseRetryInterval: TimeInterval = 1
    /// The response cache's own limits (the per-model policy is in the catalog).
    package var cache = CacheSettings()
    /// The Responses API's stored responses.
    package var responses = ResponsesSettings()
    /// Content capture and the retention of traces and content (`BROKLE_LOG_CONTENT`, `BROKLE_*_RETENTION`).
    package var requestLogs = RequestLogSettings()
    /// How limits, budgets and plan quotas are enforced.
    package var limits = LimitSettings()
    /// What each plan allows (requests a month, members): the shipped table overridden by
    /// brokle.yaml's `plans:`.
    package var plans: [Plan: PlanQuota] = PlanQuota.shipped
    /// The circuit breakers' and latency averages' clock in seconds; nil for the monotonic clock.
    /// Tests set it to move past a cooldown at once instead of sleeping through it.
    package var routingClock: (@Sendable () -> Double)?
    /// OpenTelemetry export of requests as spans (brokle.yaml `otel:` and `OTEL_*`); off by default.
    package var telemetry = TelemetrySettings()
    /// Custom entities, the default policy and the refresh of scopes' policies (brokle.yaml
    /// `guardrails:`, `BROKLE_GUARDRAILS_REFRESH`); each model's own policy is in the catalog.
    package var guardrails = GuardrailSettings()
    /// The dashboard at `/ui` and its API (`BROKLE_UI`, `BROKLE_UI_SESSION_TTL`).
    package var dashboard = DashboardSettings()

    package init(host: String = "127.0.0.1", port: Int = 8080, catalog: ProviderCatalog, catalogSource: String) {
        self.host = host
        self.port = port
        self.catalog = catalog
        self.catalogSource = catalogSource
    }
}
