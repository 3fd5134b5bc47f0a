import BrokleCore
import BrokleSettings
import BrokleStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Enforces limits, budgets and plan quotas across instances without a database round trip per
/// request: each instance takes capacity from the shared counters in slices (``LimitLeaseStore``)
/// and admits requests from what it holds; it goes back for more when a slice runs out (one take
/// per counter at a time, the others waiting for it), ahead of time when one runs low, and gives
/// unused capacity back when idle and on shutdown.
///
/// Guarantees: rates (GCRA) and plan quotas never admit past their limit — what instances hold is
/// already counted; capacity held by one instance and unused elsewhere is the price (at most one
/// slice per instance). Tokens and money are reserved from estimates and settled to what was used:
/// a budget can be overshot by what in-flight requests used beyond their estimates. A crashed
/// instance's rate units expire with the rate window (≤ 60 s), its holds on budgets, quotas and
/// slots with its lease (`leaseTTL`, 15 s).
final class Limiter: Service, Sendable {
    struct Allowance: Sendable {
        var counter: LimitCounter
        var limit: Int64
        /// Taken from the database and not used yet (negative: used beyond what was taken).
        var available: Int64 = 0
        /// Held by requests in flight (tokens, money, slots), settled when they end.
        var reserved: Int64 = 0
        /// The database had nothing left: refuse without asking again until then.
        var blockedUntil: Date?
        /// The database could not be asked: admit (rates, slots, plan quotas) until then, every
        /// request that was waiting for that take included.
        var openUntil: Date?
        var lastUsed = Date()
    }

    let store: LimitLeaseStore
    let rulesStore: LimitRulesStore
    let settings: LimitSettings
    let plans: [Plan: PlanQuota]
    let instance = "brokle-" + UUID().uuidString.lowercased()
    let monitor: DatabaseMonitor?
    let metrics: GatewayMetrics
    let logger: Logger
    let rules: Mutex<LimitRules>
    /// Rule reads started and the latest applied (see ``refreshRules()``).
    let refreshes = Mutex((started: 0, applied: 0))
    let allowances = Mutex<[String: Allowance]>([:])
    private let taking = Mutex<[String: Task<Void, Never>]>([:])
    private let failureLog = Mutex(Throttle(every: .seconds(10)))

    init(
        store: LimitLeaseStore, rules: LimitRulesStore, settings: LimitSettings, plans: [Plan: PlanQuota], monitor: DatabaseMonitor? = nil,
        metrics: GatewayMetrics, logger: Logger
    ) {
        self.store = store
        self.monitor = monitor
        self.rulesStore = rules
        self.settings = settings
        self.plans = plans
        self.metrics = metrics
        self.logger = logger
        self.rules = Mutex(LimitRules(plans: plans))
    }

    /// Takes what `needs` ask for, all or nothing; throws the 429 of the first that cannot be met.
    func admit(_ needs: [LimitRules.Need], key: KeyContext) async throws(GatewayError) -> LimitReservation {
        var taken: [LimitRules.Need] = []
        for need in needs {
            var takes = 0
            while true {
                let now = Date()
                let step = allowances.withLock { all -> Step in
                    var allowance = all[need.counter.name] ?? Allowance(counter: need.counter, limit: need.limit)
                    allowance.limit = need.limit
                    defer { all[need.counter.name] = allowance }
                    if allowance.available < need.amount, let until = allowance.openUntil, until > now {
                        // Unenforced (counted when the take failed), accounted as if taken.
                        allowance.available += need.amount
                    }
                    if allowance.available >= need.amount {
                        allowance.available -= need.amount
                        if need.counter.kind.isReserved { allowance.reserved += need.amount }
                        allowance.lastUsed = now
                        return .took
                    }
                    if let until = allowance.blockedUntil, until > now { return .refused(until.timeIntervalSince(now)) }
                    // What a take brought in went to the requests that waited for it beside this
                    // one: ask again rather than refuse a request the database never refused.
                    return takes < Self.takesPerRequest ? .take : .refused(nil)
                }
                switch step {
                case .took:
                    taken.append(need)
                case .refused(let wait):
                    settle(LimitReservation(taken: taken), tokens: 0, nanoUSD: 0)
                    metrics.limitRefused(kind: need.counter.kind.rawValue, scope: need.counter.scope.kind.rawValue)
                    throw LimitRefusal.error(need, key: key, retryAfter: wait ?? 1)
                case .take:
                    takes += 1
                    await take(need)
                    continue
                }
                break
            }
        }
        return LimitReservation(taken: taken)
    }

    private enum Step { case took, refused(TimeInterval?), take }

    /// Takes one request may wait for before it is refused without the database having said no.
    static let takesPerRequest = 8

    /// Settles what a request reserved with what it used: `tokens` in and out, `nanoUSD` spent.
    func settle(_ reservation: LimitReservation, tokens: Int64, nanoUSD: Int64) {
        guard !reservation.isEmpty else { return }
        let now = Date()
        allowances.withLock { all in
            for need in reservation.taken {
                guard var allowance = all[need.counter.name] else { continue }
                switch need.counter.kind {
                case .rpm, .planRequests:
                    break
                case .concurrency:
                    allowance.reserved -= need.amount
                    allowance.available += need.amount
                case .tpm:
                    allowance.reserved -= need.amount
                    allowance.available += need.amount - tokens
                case .usd:
                    allowance.reserved -= need.amount
                    allowance.available += need.amount - nanoUSD
                }
                allowance.lastUsed = now
                all[need.counter.name] = allowance
            }
        }
    }

    /// One take from the database per counter at a time; others asking meanwhile wait for it.
    private func take(_ need: LimitRules.Need) async {
        let task = taking.withLock { running -> Task<Void, Never> in
            if let task = running[need.counter.name] { return task }
            let task = Task { await self.fetch(need) }
            running[need.counter.name] = task
            return task
        }
        await task.value
        _ = taking.withLock { $0.removeValue(forKey: need.counter.name) }
    }

    /// Takes a slice (and what `need` lacks) for this instance.
    private func fetch(_ need: LimitRules.Need) async {
        let now = Date()
        let available = allowances.withLock { $0[need.counter.name]?.available ?? 0 }
        let missing = max(1, need.amount - available)
        guard monitor?.isUp ?? true else {
            // Known down: no point waiting for a timeout on every request.
            failed(BrokleError(.databaseUnavailable, "the database is unreachable"), need: need, now: now)
            return
        }
        do {
            let (granted, retryAfter) = try await store.take(
                need.counter, limit: need.limit, wanted: missing + slice(need), minimum: missing, instance: instance,
                leaseFor: settings.leaseTTL, now: now, timeout: .seconds(settings.timeout))
            allowances.withLock { all in
                guard var allowance = all[need.counter.name] else { return }
                allowance.available += granted
                allowance.blockedUntil = granted > 0 ? nil : now.addingTimeInterval(min(retryAfter ?? 1, 3600))
                allowance.openUntil = nil
                all[need.counter.name] = allowance
            }
        } catch {
            failed(error, need: need, now: now)
        }
    }

    /// The database could not be asked. Rates, slots and plan quotas fail open for a second (every
    /// request on the counter is admitted, those that waited for this take included; the failure
    /// is counted in `brokle_limit_unenforced_total`); budgets fail closed for a second.
    private func failed(_ error: BrokleError, need: LimitRules.Need, now: Date) {
        metrics.databaseError(operation: "take_limit")
        allowances.withLock { all in
            guard var allowance = all[need.counter.name] else { return }
            if need.counter.kind.failsOpen {
                allowance.openUntil = now.addingTimeInterval(1)
            } else {
                allowance.blockedUntil = now.addingTimeInterval(1)
            }
            all[need.counter.name] = allowance
        }
        if need.counter.kind.failsOpen { metrics.limitUnenforced(kind: need.counter.kind.rawValue) }
        if failureLog.withLock({ $0.allow() }) {
            logger.error(
                "limits: the database did not answer; rates, concurrency and plan quotas are not enforced past what this instance holds, budgets refuse",
                metadata: ["error": "\(error.message)"])
        }
    }

    /// How much to take at once: a share of the limit (requests and slots at least one).
    func slice(_ need: LimitRules.Need) -> Int64 {
        max(1, Int64((Double(need.limit) * settings.sliceFraction).rounded(.down)))
    }
}

extension LimitCounter.Kind {
    /// Tokens, money and slots are held while a request runs and settled when it ends.
    var isReserved: Bool { self == .tpm || self == .usd || self == .concurrency }
    /// Whether a database outage lets requests through (rates, slots, plan quotas: availability
    /// first) or refuses them (budgets: money is not spent on trust).
    var failsOpen: Bool { self != .usd }
    /// Held in `limit_leases` (rates are not: their units expire with the window).
    var isLeased: Bool { self == .usd || self == .planRequests || self == .concurrency }
}
