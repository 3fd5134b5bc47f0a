import BrokleCore
import NIOCore

/// The time limits of the upstream calls on one event loop, kept in steps of ``step``: one timer
/// per step in which a limit falls, instead of one scheduled and cancelled for every call. A limit
/// takes effect up to one step after it is due. Only its loop touches it.
final class UpstreamTimeouts {
    static let step: Int64 = 50_000_000

    private struct Limited {
        let exchange: UpstreamExchange
        let provider: String
    }

    let loop: any EventLoop
    /// The calls whose limit falls in each step (by its number since the clock's start).
    private var steps: [Int64: [ObjectIdentifier: Limited]] = [:]

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// How many calls are under a limit now.
    var count: Int { steps.values.reduce(0) { $0 + $1.count } }

    /// Expires `exchange` (as `provider` timing out) `seconds` from now unless it is removed first;
    /// returns the step to remove it from.
    func add(_ exchange: UpstreamExchange, seconds: Double, provider: String) -> Int64 {
        loop.preconditionInEventLoop()
        let due = NIODeadline.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        let step = (Int64(clamping: due) + Self.step - 1) / Self.step
        if steps[step] == nil {
            steps[step] = [:]
            loop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(UInt64(step * Self.step))) { self.expire(step) }
        }
        steps[step]![ObjectIdentifier(exchange)] = Limited(exchange: exchange, provider: provider)
        return step
    }

    /// The call's answer was handed over (or it ended): its limit no longer applies.
    func remove(_ exchange: UpstreamExchange, from step: Int64) {
        loop.preconditionInEventLoop()
        steps[step]?[ObjectIdentifier(exchange)] = nil
    }

    private func expire(_ step: Int64) {
        guard let due = steps.removeValue(forKey: step) else { return }
        for limited in due.values { limited.exchange.expire(GatewayError.upstreamTimeout(limited.provider)) }
    }
}
