import BrokleCore
import Foundation
import ServiceLifecycle
import Synchronization

/// The dashboard's live events (`/api/v1/events`, server-sent events): traces written, the
/// organization's requests every few seconds, budgets crossing 80 % and 100 % (``BudgetWatch``),
/// the database going down or up, circuits opening or closing. Each open page is a subscriber with a small buffer of its own: one that falls behind is
/// dropped (its stream ends; the page reconnects), so a slow browser never holds the gateway back.
/// Nothing is done for traces while no page is open.
package final class DashboardEvents: Service, Sendable {
    private struct Subscriber {
        var organizationID: String
        var user: String
        var continuation: AsyncStream<String>.Continuation
        var until: Date
    }

    /// An organization's traffic since the last `stats` event.
    private struct Tally {
        var requests = 0
        var errors = 0
        var tokens = 0
        var costNanoUSD: Int64 = 0
    }

    private struct State {
        var subscribers: [Int: Subscriber] = [:]
        var next = 0
        var tallies: [String: Tally] = [:]
        var databaseUp = true
        var circuits: [String: CircuitBreaker.State] = [:]
    }

    private let state = Mutex(State())
    private let monitor: DatabaseMonitor
    private let health: RouteHealth
    private let budgets: BudgetWatch?
    let statsInterval: Duration
    static let maximumSubscribers = 1_000
    /// Streams one member may hold open (tabs), so one member cannot take them all.
    static let maximumPerUser = 8
    static let buffered = 64
    /// What a stream's handler gets every `recheckEvery` ticks: look at the session and membership again.
    static let recheck = "\u{0}recheck"
    static let recheckEvery = 6

    init(monitor: DatabaseMonitor, health: RouteHealth, budgets: BudgetWatch? = nil, statsInterval: Duration = .seconds(5)) {
        self.monitor = monitor
        self.health = health
        self.budgets = budgets
        self.statsInterval = statsInterval
    }

    /// A stream of events for `user`'s page of `organizationID` until `until` (the session's end);
    /// nil when too many pages are open, in all or for this member.
    func subscribe(organizationID: String, user: String, until: Date) -> (id: Int, events: AsyncStream<String>)? {
        let (events, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(Self.buffered))
        let id = state.withLock { state -> Int? in
            guard state.subscribers.count < Self.maximumSubscribers,
                state.subscribers.values.lazy.filter({ $0.user == user }).count < Self.maximumPerUser
            else { return nil }
            state.next += 1
            state.subscribers[state.next] = Subscriber(organizationID: organizationID, user: user, continuation: continuation, until: until)
            return state.next
        }
        guard let id else { return nil }
        continuation.yield(Self.event("database", #"{"up":\#(monitor.isUp)}"#))
        return (id, events)
    }

    func unsubscribe(_ id: Int) {
        let gone = state.withLock { $0.subscribers.removeValue(forKey: id) }
        gone?.continuation.finish()
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Traces the trace writer stored: a `traces` event for each organization with a page open, and
    /// their counts for its next `stats`.
    func written(_ traces: [TraceRecord]) {
        state.withLock { state in
            guard !state.subscribers.isEmpty else { return }
            let watched = Set(state.subscribers.values.map(\.organizationID))
            var batches: [String: Tally] = [:]
            for trace in traces where watched.contains(trace.organizationID) {
                var tally = batches[trace.organizationID, default: Tally()]
                tally.requests += 1
                if trace.status != .ok { tally.errors += 1 }
                tally.tokens += trace.tokensIn + trace.tokensOut
                tally.costNanoUSD += trace.costNanoUSD ?? 0
                batches[trace.organizationID] = tally
            }
            for (organization, batch) in batches {
                var total = state.tallies[organization, default: Tally()]
                total.requests += batch.requests
                total.errors += batch.errors
                total.tokens += batch.tokens
                total.costNanoUSD += batch.costNanoUSD
                state.tallies[organization] = total
                Self.send(
                    Self.event("traces", #"{"count":\#(batch.requests),"errors":\#(batch.errors)}"#), to: organization, in: &state)
            }
        }
    }

    package func run() async throws {
        var ticks = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { [statsInterval] in try await Task.sleep(for: statsInterval / 5) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            ticks += 1
            // Budgets before the figures: a page that has seen `stats` knows its budgets were looked at.
            if ticks % 5 == 0, let budgets {
                let watched = state.withLock { Set($0.subscribers.values.map(\.organizationID)) }
                if !watched.isEmpty {
                    for (organization, event) in await budgets.crossings(organizations: watched) {
                        state.withLock { Self.send(event, to: organization, in: &$0) }
                    }
                }
            }
            tick(stats: ticks % 5 == 0, recheck: ticks % (5 * Self.recheckEvery) == 0)
        }
        // Open pages end their streams at once, so the server's drain does not wait for them.
        let open = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in open { subscriber.continuation.finish() }
    }

    /// Database and circuit changes (every fifth of the stats interval); with `stats`, each watched
    /// organization's tally and a keep-alive; pages past their session's end are closed.
    func tick(stats: Bool, recheck: Bool) {
        let up = monitor.isUp
        let circuits = health.deployments().mapValues(\.circuit)
        let now = Date()
        state.withLock { state in
            guard !state.subscribers.isEmpty else {
                state.databaseUp = up
                state.circuits = circuits
                return
            }
            if up != state.databaseUp {
                state.databaseUp = up
                Self.broadcast(Self.event("database", #"{"up":\#(up)}"#), in: &state)
            }
            for (deployment, circuit) in circuits.sorted(by: { $0.key < $1.key })
            where state.circuits[deployment, default: .closed] != circuit {
                let name = String(decoding: JSONScanner.encodeString(deployment), as: UTF8.self)
                Self.broadcast(Self.event("circuit", #"{"deployment":\#(name),"state":"\#(circuit.rawValue)"}"#), in: &state)
            }
            state.circuits = circuits
            for (id, subscriber) in state.subscribers where subscriber.until <= now {
                subscriber.continuation.finish()
                state.subscribers[id] = nil
            }
            if recheck { Self.broadcast(Self.recheck, in: &state) }
            guard stats else { return }
            let seconds = Double(statsInterval.nanoseconds) / 1e9
            for organization in Set(state.subscribers.values.map(\.organizationID)) {
                let tally = state.tallies[organization] ?? Tally()
                let cost = CostCalculator.usd(nano: tally.costNanoUSD)
                Self.send(
                    Self.event(
                        "stats",
                        #"{"window_seconds":\#(seconds),"requests":\#(tally.requests),"errors":\#(tally.errors),"tokens":\#(tally.tokens),"cost_usd":\#(cost)}"#
                    ), to: organization, in: &state)
            }
            state.tallies.removeAll(keepingCapacity: true)
        }
    }

    static func event(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }

    private static func broadcast(_ text: String, in state: inout State) {
        for id in Array(state.subscribers.keys) { deliver(text, to: id, in: &state) }
    }

    private static func send(_ text: String, to organization: String, in state: inout State) {
        for (id, subscriber) in state.subscribers where subscriber.organizationID == organization { deliver(text, to: id, in: &state) }
    }

    /// Hands `text` to one page; a page whose buffer is full is dropped.
    private static func deliver(_ text: String, to id: Int, in state: inout State) {
        guard let subscriber = state.subscribers[id] else { return }
        switch subscriber.continuation.yield(text) {
        case .enqueued: break
        case .dropped, .terminated:
            subscriber.continuation.finish()
            state.subscribers[id] = nil
        @unknown default: break
        }
    }
}
