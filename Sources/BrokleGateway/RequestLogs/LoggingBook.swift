import BrokleCore
import BrokleSettings
import BrokleStorage
import Logging
import ServiceLifecycle
import Synchronization

/// Whether a request's content is kept, without a database call on the request path: the policies
/// `brokle logging set` puts on organizations, projects and environments (read again every
/// `BROKLE_GUARDRAILS_REFRESH`, as guardrail policies are; the last read stays in force while the
/// database is away), the narrowest scope that says wins (``LoggingPolicy/merged(_:)``), else
/// `BROKLE_LOG_CONTENT`.
///
/// Until the policies have been read once, nothing is captured: an organization that turned content
/// off must not have it kept because the proxy started while the database was away. The gateway
/// reads them before it listens (``firstLoad(timeout:)``); the service keeps trying after that.
final class LoggingBook: Service, Sendable {
    let settings: RequestLogSettings
    let refreshEvery: Duration
    let store: LoggingPolicyStore?
    let metrics: GatewayMetrics
    /// Nil until the first read.
    private let scoped = Mutex<[LimitScope: LoggingPolicy]?>(nil)

    init(settings: RequestLogSettings, refresh: Duration, store: LoggingPolicyStore?, metrics: GatewayMetrics) {
        self.settings = settings
        self.refreshEvery = refresh
        self.store = store
        self.metrics = metrics
    }

    /// The content capture of a request made with `key`.
    func content(for key: KeyContext) -> ContentCapture {
        guard let policy = policy(for: key) else { return .off }
        return policy.content ?? settings.content
    }

    /// The policies of `key`'s organization, project and environment merged (empty when none is
    /// set); nil before they have been read once.
    func policy(for key: KeyContext) -> LoggingPolicy? {
        scoped.withLock { scoped in
            guard let scoped else { return nil }
            guard !scoped.isEmpty else { return LoggingPolicy() }
            return LoggingPolicy.merged(
                [
                    scoped[LimitScope(.organization, key.organizationID)], scoped[LimitScope(.project, key.projectID)],
                    scoped[LimitScope(.environment, key.environmentID)],
                ].compactMap { $0 })
        }
    }

    /// Replaces the scoped policies (tests set them without a database).
    func apply(_ policies: [LimitScope: LoggingPolicy]) {
        scoped.withLock { $0 = policies }
    }

    /// The first read, before the gateway listens; without a store, no scope has a policy.
    func firstLoad(timeout: Duration) async {
        guard let store else { return apply([:]) }
        if let policies = try? await store.loadAll(timeout: timeout) { apply(policies) }
    }

    func run() async throws {
        guard let store else { return apply([:]) }
        await refresh(store)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.refreshEvery) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            await refresh(store)
        }
    }

    func refresh(_ store: LoggingPolicyStore) async {
        do {
            apply(try await store.loadAll(timeout: .seconds(5)))
        } catch {
            metrics.databaseError(operation: "read_logging_policies")
        }
    }
}
