import Foundation

/// Orders a route's targets for one request. A pure function of the route, the live health of
/// each target, the price estimates, a turn counter and a random source — no clock, no I/O — so
/// every strategy is tested exactly with a seeded random source.
package enum RoutePlanner {
    package struct Inputs: Sendable {
        /// Health by ``RouteTarget/id``; a missing entry means closed with no latency yet.
        package var health: [String: TargetHealth]
        /// Estimated request price by ``RouteTarget/id``; missing means unpriced.
        package var estimatedCostUSD: [String: Double]
        /// This request's turn on the route (round-robin).
        package var turn: UInt64
        /// Share of `least-latency` requests sent first to another target, to notice a recovery.
        package var exploration: Double
        /// A latency older than this (seconds) no longer counts: the target is measured again.
        package var latencyStaleAfter: Double

        package init(
            health: [String: TargetHealth] = [:], estimatedCostUSD: [String: Double] = [:], turn: UInt64 = 0,
            exploration: Double = 0.05, latencyStaleAfter: Double = 30
        ) {
            self.health = health
            self.estimatedCostUSD = estimatedCostUSD
            self.turn = turn
            self.exploration = exploration
            self.latencyStaleAfter = latencyStaleAfter
        }
    }

    /// Every target of `route`, in the order to try them: the strategy's order, with targets whose
    /// circuit is open moved to the end and marked unavailable.
    package static func plan(_ route: ModelRoute, _ inputs: Inputs, random: inout some RandomNumberGenerator) -> [RouteCandidate] {
        let ordered = order(route, inputs, random: &random)
        let candidates = ordered.map { target, reason in
            let health = inputs.health[target.id] ?? TargetHealth()
            return RouteCandidate(
                target: target, reason: reason, circuit: health.circuit, latencyMs: health.latencyMs,
                estimatedCostUSD: inputs.estimatedCostUSD[target.id], available: health.circuit != .open
            )
        }
        let open = candidates.filter { !$0.available }.map { candidate in
            var candidate = candidate
            candidate.reason += "; circuit open, skipped until its cooldown ends"
            return candidate
        }
        return candidates.filter(\.available) + open
    }

    private static func order(_ route: ModelRoute, _ inputs: Inputs, random: inout some RandomNumberGenerator) -> [(RouteTarget, String)] {
        let targets = route.targets
        switch route.strategy {
        case .fallback:
            return targets.enumerated().map { index, target in (target, index == 0 ? "primary" : "fallback \(index)") }

        case .roundRobin:
            let start = Int(inputs.turn % UInt64(max(1, targets.count)))
            return (0..<targets.count).map { offset in
                let target = targets[(start + offset) % targets.count]
                return (target, offset == 0 ? "round-robin turn \(inputs.turn)" : "next in turn")
            }

        case .weighted:
            // Weighted sampling without replacement (Efraimidis–Spirakis): each target draws
            // u^(1/w); the largest goes first, so the first pick has probability w / Σw.
            let total = targets.reduce(0) { $0 + max(0, $1.weight) }
            let keyed = targets.map { target -> (RouteTarget, Double) in
                let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
                return (target, target.weight > 0 ? pow(u, 1 / target.weight) : -1)
            }
            return keyed.sorted { $0.1 > $1.1 }.enumerated().map { index, pair in
                let target = pair.0
                guard target.weight > 0 else { return (target, "weight 0: only as a fallback") }
                let share = Int((100 * target.weight / total).rounded())
                return (
                    target,
                    index == 0
                        ? "weighted draw (weight \(format(target.weight)), \(share)% of traffic)"
                        : "weighted fallback (weight \(format(target.weight)))"
                )
            }

        case .leastLatency:
            func measured(_ target: RouteTarget) -> Double? {
                guard let health = inputs.health[target.id], let latency = health.latencyMs,
                    (health.latencyAge ?? 0) <= inputs.latencyStaleAfter
                else { return nil }
                return latency
            }
            // Unmeasured (or stale) targets go first: one request measures them.
            var ordered = targets.enumerated().sorted { left, right in
                switch (measured(left.element), measured(right.element)) {
                case (nil, nil): return left.offset < right.offset
                case (nil, _): return true
                case (_, nil): return false
                case (let a?, let b?): return a == b ? left.offset < right.offset : a < b
                }
            }.map(\.element)
            var explored = false
            if ordered.count > 1, measured(ordered[0]) != nil, Double.random(in: 0..<1, using: &random) < inputs.exploration {
                let pick = Int.random(in: 1..<ordered.count, using: &random)
                ordered.insert(ordered.remove(at: pick), at: 0)
                explored = true
            }
            return ordered.enumerated().map { index, target in
                let latency = measured(target).map { "EWMA \(format($0)) ms" }
                if index == 0 && explored {
                    return (
                        target,
                        "exploring (\(latency ?? "no recent latency")): \(format(inputs.exploration * 100))% of requests re-measure other targets"
                    )
                }
                guard let latency else { return (target, "no recent latency: measured by this request") }
                return (target, index == 0 ? "lowest latency (\(latency))" : "slower (\(latency))")
            }

        case .lowestCost:
            let ordered = targets.enumerated().sorted { left, right in
                switch (inputs.estimatedCostUSD[left.element.id], inputs.estimatedCostUSD[right.element.id]) {
                case (nil, nil): return left.offset < right.offset
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?): return a == b ? left.offset < right.offset : a < b
                }
            }.map(\.element)
            return ordered.enumerated().map { index, target in
                guard let cost = inputs.estimatedCostUSD[target.id] else { return (target, "unpriced: tried after priced targets") }
                return (
                    target,
                    index == 0 ? "lowest estimated price ($\(format(cost, digits: 6)))" : "estimated price $\(format(cost, digits: 6))"
                )
            }
        }
    }

    /// A short decimal: whole numbers without a fraction, others with up to `digits` decimals.
    static func format(_ value: Double, digits: Int = 1) -> String {
        var text = String(format: "%.\(digits)f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}
