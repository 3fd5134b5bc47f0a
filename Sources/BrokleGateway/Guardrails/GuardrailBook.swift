import BrokleCore
import BrokleSettings
import BrokleStorage
import Logging
import ServiceLifecycle
import Synchronization

/// Which guardrail policy applies to a request, without a database call on the request path:
/// brokle.yaml's default and the model's policy, merged with those `brokle guardrails set` puts on
/// the key's organization, project, environment and key (read again every
/// `BROKLE_GUARDRAILS_REFRESH`; the last read stays in force while the database is away). The
/// strictest action wins per entity (``GuardrailPolicy/merging(_:)``). Compiled profiles are kept
/// per distinct policy, so a request finds its detector ready.
final class GuardrailBook: Service, Sendable {
    let settings: GuardrailSettings
    let store: GuardrailPolicyStore?
    let metrics: GatewayMetrics
    let logger: Logger
    private let custom: [(entity: GuardrailEntity, matcher: any GuardrailMatcher)]
    private let scoped = Mutex<[LimitScope: GuardrailPolicy]>([:])
    private let profiles = Mutex<[GuardrailPolicy: GuardrailProfile]>([:])
    /// Profiles kept at most (distinct policies in use); past it the cache starts again.
    static let profileLimit = 512

    init(settings: GuardrailSettings, store: GuardrailPolicyStore?, metrics: GatewayMetrics, logger: Logger) {
        self.settings = settings
        self.store = store
        self.metrics = metrics
        self.logger = logger
        custom = GuardrailProfile.matchers(settings.customEntities)
    }

    /// The compiled policy for a request by `key` to `route`; nil when no policy applies.
    func profile(key: KeyContext, route: ModelRoute) -> GuardrailProfile? {
        var policies: [GuardrailPolicy] = []
        if let policy = settings.defaultPolicy { policies.append(policy) }
        if let policy = route.guardrails { policies.append(policy) }
        scoped.withLock { scoped in
            guard !scoped.isEmpty else { return }
            for scope in LimitScope.all(of: key).reversed() { if let policy = scoped[scope] { policies.append(policy) } }
        }
        guard let policy = GuardrailPolicy.merging(policies) else { return nil }
        if let known = profiles.withLock({ $0[policy] }) { return known }
        let profile = GuardrailProfile(policy, custom: custom)
        profiles.withLock { profiles in
            if profiles.count >= Self.profileLimit { profiles.removeAll(keepingCapacity: true) }
            profiles[policy] = profile
        }
        return profile
    }

    /// Replaces the scoped policies (tests set them without a database).
    func apply(_ policies: [LimitScope: GuardrailPolicy]) {
        scoped.withLock { $0 = policies }
    }

    func run() async throws {
        guard let store else { return }
        await refresh(store)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.refresh) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            await refresh(store)
        }
    }

    func refresh(_ store: GuardrailPolicyStore) async {
        do {
            apply(try await store.loadAll(timeout: .seconds(5)))
        } catch {
            metrics.databaseError(operation: "read_guardrails")
        }
    }
}
