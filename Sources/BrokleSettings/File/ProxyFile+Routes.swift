import BrokleCore
import Foundation

extension ProxyFile.Model {
    /// The validated route of public model `name`; errors name the file and the key.
    func route(name: String, providers: [ProviderConfig], source: String) throws(BrokleError) -> ModelRoute {
        let key = "models.\(name)"
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        func known(_ provider: String, _ field: String) throws(BrokleError) {
            guard providers.contains(where: { $0.name == provider }) else { throw bad(field, "no provider named '\(provider)'") }
        }
        var targets: [RouteTarget] = []
        switch (provider, self.targets) {
        case (let provider?, nil):
            try known(provider, ".provider")
            targets = [RouteTarget(provider: provider, model: model ?? name)]
        case (nil, let list?):
            guard !list.isEmpty else { throw bad(".targets", "needs at least one target") }
            for (index, target) in list.enumerated() {
                try known(target.provider, ".targets.\(index).provider")
                let weight = target.weight ?? 1
                guard weight >= 0, weight.isFinite else { throw bad(".targets.\(index).weight", "must be zero or more") }
                targets.append(RouteTarget(provider: target.provider, model: target.model ?? name, weight: weight))
            }
            guard Set(targets.map(\.id)).count == targets.count else { throw bad(".targets", "lists the same provider and model twice") }
        case (.some, .some):
            throw bad("", "use either provider (one target) or targets (several), not both")
        case (nil, nil):
            throw bad(".provider", "missing (or give a list of targets)")
        }
        let strategy: RoutingStrategy
        if let text = self.strategy {
            guard let parsed = RoutingStrategy(rawValue: text) else {
                throw bad(
                    ".strategy", "unknown strategy '\(text)' (use \(RoutingStrategy.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            strategy = parsed
        } else {
            strategy = .fallback
        }
        if strategy == .weighted && !targets.contains(where: { $0.weight > 0 }) {
            throw bad(".targets", "weighted routing needs at least one target with a weight above zero")
        }
        var route = ModelRoute(name: name, strategy: strategy, targets: targets, resilience: try resilience(key: key, source: source))
        route.cache = try cache?.policy(key: key + ".cache", source: source)
        route.guardrails = guardrails
        return route
    }

    private func resilience(key: String, source: String) throws(BrokleError) -> Resilience {
        func bad(_ field: String, _ reason: String) -> BrokleError { ProxyFile.bad(source, key + field, reason) }
        func seconds(_ text: String?, _ field: String) throws(BrokleError) -> TimeInterval? {
            guard let text else { return nil }
            let value = try ProxyFile.duration(text, source: source, key: key + field)
            guard value > 0 else { throw bad(field, "must be longer than zero") }
            return value
        }
        func kinds(_ list: [String]?, _ field: String) throws(BrokleError) -> Set<FailureKind>? {
            guard let list else { return nil }
            var kinds = Set<FailureKind>()
            for text in list {
                guard let kind = FailureKind(rawValue: text) else {
                    throw bad(field, "unknown failure '\(text)' (use \(FailureKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                kinds.insert(kind)
            }
            return kinds
        }
        var resilience = Resilience()
        if let retries {
            guard (0...10).contains(retries) else { throw bad(".retries", "must be 0 to 10") }
            resilience.retries = retries
        }
        if let value = try seconds(backoff, ".backoff") { resilience.backoff = value }
        if let value = try seconds(maxBackoff, ".max_backoff") { resilience.maxBackoff = value }
        resilience.attemptTimeout = try seconds(timeout, ".timeout")
        resilience.deadline = try seconds(deadline, ".deadline")
        if let value = try kinds(retryOn, ".retry_on") { resilience.retryOn = value }
        if let value = try kinds(fallbackOn, ".fallback_on") { resilience.fallbackOn = value }
        if let attempt = resilience.attemptTimeout, let deadline = resilience.deadline, attempt > deadline {
            throw bad(".timeout", "is longer than the deadline (\(deadline)s): no attempt could use it")
        }
        return resilience
    }
}

extension ProxyFile {
    func routingSettings(source: String) throws(BrokleError) -> RoutingSettings {
        var settings = RoutingSettings()
        guard let routing else { return settings }
        if let exploration = routing.exploration {
            guard (0...0.5).contains(exploration) else { throw Self.bad(source, "routing.exploration", "must be between 0 and 0.5") }
            settings.exploration = exploration
        }
        if let breaker = routing.circuitBreaker {
            let key = "routing.circuit_breaker"
            if let ratio = breaker.failureRatio {
                guard ratio > 0, ratio <= 1 else { throw Self.bad(source, key + ".failure_ratio", "must be above 0 and at most 1") }
                settings.circuitBreaker.failureRatio = ratio
            }
            if let minimum = breaker.minRequests {
                guard minimum >= 1 else { throw Self.bad(source, key + ".min_requests", "must be at least 1") }
                settings.circuitBreaker.minimumRequests = minimum
            }
            if let window = breaker.window {
                let value = try Self.duration(window, source: source, key: key + ".window")
                guard value > 0 else { throw Self.bad(source, key + ".window", "must be longer than zero") }
                settings.circuitBreaker.window = value
            }
            if let cooldown = breaker.cooldown {
                let value = try Self.duration(cooldown, source: source, key: key + ".cooldown")
                guard value > 0 else { throw Self.bad(source, key + ".cooldown", "must be longer than zero") }
                settings.circuitBreaker.cooldown = value
            }
        }
        return settings
    }
}
