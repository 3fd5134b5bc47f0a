import BrokleCore
import Foundation
import ServiceLifecycle

/// The limiter's background work: read the rules again, renew this instance's leases, give back
/// what dead instances held, return idle capacity, and on shutdown give back everything unused.
extension Limiter {
    func run() async throws {
        await refreshRules()
        var lastRules = ContinuousClock.now
        var lastRenew = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            if ContinuousClock.now - lastRules >= .seconds(settings.refresh) {
                await refreshRules()
                lastRules = .now
            }
            if ContinuousClock.now - lastRenew >= .seconds(settings.leaseTTL / 3) {
                await renew()
                _ = try? await store.expire(now: Date(), timeout: .seconds(5))
                lastRenew = .now
            }
            await returnIdle(olderThan: settings.idleReturn)
        }
        await returnIdle(olderThan: 0)
    }

    /// Reads limits and budgets; a changed limit lifts a refusal remembered under the old one.
    func refreshRules() async {
        // Reads may overlap (the periodic one and an explicit one): a read started earlier never
        // replaces what a later one found.
        let ticket = refreshes.withLock {
            $0.started += 1; return $0.started
        }
        do {
            let fresh = try await rulesStore.load(plans: plans, timeout: .seconds(5))
            let latest = refreshes.withLock { counts -> Bool in
                guard ticket > counts.applied else { return false }
                counts.applied = ticket
                return true
            }
            guard latest else { return }
            let changed = rules.withLock { current -> Bool in
                defer { current = fresh }
                return current != fresh
            }
            if changed { allowances.withLock { all in for key in all.keys { all[key]?.blockedUntil = nil } } }
            metrics.limitRules(rates: fresh.rates.count, budgets: fresh.budgets.values.reduce(0) { $0 + $1.count })
            await recordBudgets(fresh)
        } catch {
            metrics.databaseError(operation: "read_limits")
        }
    }

    /// `brokle_budget_used_usd` / `brokle_budget_limit_usd` for every configured budget's current
    /// period (taken so far, reservations included, on every instance). Per-user budgets have a
    /// counter per end user and none of their own: they are not reported.
    func recordBudgets(_ rules: LimitRules) async {
        let now = settings.clock()
        let counters = rules.budgets.filter { $0.key.kind != .endUser }.flatMap { scope, periods in
            periods.map { (LimitCounter(scope: scope, kind: .usd, period: $0.key, at: now), $0.value) }
        }
        guard !counters.isEmpty, let levels = try? await store.levels(counters.map(\.0.name), timeout: .seconds(5)) else { return }
        for (counter, limit) in counters {
            metrics.budget(
                scope: counter.scope.label, period: counter.period?.rawValue ?? "", used: levels[counter.name] ?? 0, limit: limit)
        }
    }

    /// Keeps this instance's holds on budgets, quotas and slots alive, at what it holds now.
    func renew() async {
        let holdings = allowances.withLock { all in
            all.values.filter { $0.counter.kind.isLeased }.reduce(into: [String: Int64]()) {
                $0[$1.counter.name] = max(0, $1.available) + $1.reserved
            }
        }
        do {
            try await store.renew(holdings, instance: instance, until: Date().addingTimeInterval(settings.leaseTTL), timeout: .seconds(5))
        } catch {
            metrics.databaseError(operation: "renew_limits")
        }
    }

    /// Gives back capacity not used for `seconds` (all of it at shutdown), and records spend past
    /// what was taken (a negative allowance) so it is never lost.
    func returnIdle(olderThan seconds: TimeInterval) async {
        let now = Date()
        let idle = allowances.withLock { all -> [Allowance] in
            var out: [Allowance] = []
            for (name, allowance) in all where allowance.available != 0 && now.timeIntervalSince(allowance.lastUsed) >= seconds {
                out.append(allowance)
                all[name]?.available = 0
            }
            return out
        }
        for allowance in idle {
            do {
                if allowance.available > 0 {
                    try await store.giveBack(
                        allowance.counter, limit: allowance.limit, allowance.available, instance: instance, now: now, timeout: .seconds(5))
                } else {
                    try await store.charge(allowance.counter, -allowance.available, instance: instance, now: now, timeout: .seconds(5))
                }
            } catch {
                // Not given back: it stays counted until its lease or rate window expires.
                metrics.databaseError(operation: "return_limits")
            }
        }
    }

    /// What applies to a request by `key` (`estimate` is asked only when tokens or money are limited).
    func needs(key: KeyContext, endUser: String? = nil, estimate: () -> (tokens: Int64, nanoUSD: Int64)) -> [LimitRules.Need] {
        rules.withLock { $0 }.needs(key: key, endUser: endUser, plan: key.plan, at: settings.clock(), estimate: estimate)
    }
}
