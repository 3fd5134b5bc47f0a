import BrokleCore
import BrokleSettings
import BrokleStorage
import Logging
import ServiceLifecycle
import Synchronization

/// Whether the gateway's database answers, as the gateway last saw it, and the way back when it
/// does not. Every database call on the gateway's path reports here; so does a check every few
/// seconds. While the database is down, key lookups for unknown keys fail fast (503) instead of
/// each waiting out its deadline, cached keys are served stale, and traces stay queued.
///
/// Visible: one error line when the database is lost and one when it is back (each at most once per
/// `logInterval`, so a flapping database does not flood the log; a state left unlogged is logged once
/// the interval allows), `brokle_database_up`, and
/// `brokle_database_errors_total{operation}`.
final class DatabaseMonitor: Service, Sendable {
    enum Operation: String, Sendable {
        case authenticate, check
        case writeTraces = "write_traces"
        case recordKeyUsage = "record_key_usage"
        case ingestSpill = "ingest_spill"
    }

    private struct State {
        var up = true
        var since = ContinuousClock.now
        var lastError: String?
        var loggedUp = true
        /// Each state is logged at most once per `logInterval`.
        var downLog: Throttle
        var upLog: Throttle
        var renewal = Throttle(every: .seconds(5))
    }

    private let state: Mutex<State>
    let database: Database
    let metrics: GatewayMetrics
    let logger: Logger
    let checkInterval: Duration
    let retryInterval: Duration
    let logInterval: Duration

    init(database: Database, settings: GatewaySettings, metrics: GatewayMetrics, logger: Logger, logInterval: Duration = .seconds(10)) {
        self.database = database
        self.metrics = metrics
        self.logger = logger
        self.checkInterval = .seconds(settings.databaseCheckInterval)
        self.retryInterval = .seconds(settings.databaseRetryInterval)
        self.logInterval = logInterval
        self.state = Mutex(State(downLog: Throttle(every: logInterval), upLog: Throttle(every: logInterval)))
    }

    var isUp: Bool { state.withLock { $0.up } }

    func succeeded() {
        guard !isUp else { return }
        transition(up: true, error: nil)
    }

    /// A call for `operation`, begun at `started`, failed. Only an unreachable database (lost
    /// connection, deadline, disk full) marks it down; a failing statement is counted but says
    /// nothing about reachability. Nor does the failure of a call begun before the database was last
    /// seen coming back (a lease cut by the pool's renewal, a call that waited out the outage): it
    /// is counted and leaves the state as it is. True when the failure marked the database down or
    /// found it down.
    @discardableResult
    func failed(_ operation: Operation, _ error: BrokleError, started: ContinuousClock.Instant) -> Bool {
        metrics.databaseError(operation: operation.rawValue)
        guard error.kind == .databaseUnavailable else { return false }
        return transition(up: false, error: error.message, operation: operation, startedAt: started)
    }

    /// Asks the database now, within `budget`: through the pool, and if that fails, directly. When
    /// the server answers directly but not through the pool (a pool still backing off after an
    /// outage), the pool is renewed. Returns nil when the database answers, else the reason.
    @discardableResult
    func check(budget: Duration) async -> String? {
        let half = budget / 2
        do {
            try await database.call("check the database", timeout: half) { [database] in
                try await database.sql.raw("SELECT 1 AS n").run()
            }
            succeeded()
            return nil
        } catch {
            do {
                try await database.probe(timeout: half)
            } catch let probeError {
                let reason = DatabaseErrorText.describe(probeError)
                failed(.check, BrokleError(.databaseUnavailable, reason), started: .now)
                return reason
            }
            renewIfDue(after: error)
            succeeded()
            return nil
        }
    }

    private func renewIfDue(after error: BrokleError) {
        guard state.withLock({ $0.renewal.allow() }) else { return }
        database.renewConnections()
        logger.warning(
            "database answers directly but not through the connection pool; pool renewed", metadata: ["error": "\(error.message)"])
    }

    /// Checks every `checkInterval` while the database is up and every `retryInterval` while it is
    /// down, waking each `retryInterval` so that a failure reported by a request or the trace writer
    /// is followed by a check within that time, not after a full `checkInterval`.
    func run() async throws {
        var lastCheck = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { [retryInterval] in try await Task.sleep(for: retryInterval) }
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            let up = isUp
            guard !up || ContinuousClock.now - lastCheck >= checkInterval else { continue }
            lastCheck = .now
            await check(budget: up ? min(checkInterval, .seconds(2)) : max(.milliseconds(500), min(retryInterval, .seconds(2))))
            logSettledState()
        }
    }

    /// Moves to `up` unless a failure's call (`startedAt`) began before the state it would end.
    /// Returns the state's `up` afterwards being the one asked for.
    @discardableResult
    private func transition(up: Bool, error: String?, operation: Operation? = nil, startedAt: ContinuousClock.Instant? = nil) -> Bool {
        let now = ContinuousClock.now
        let (changed, outage, reached) = state.withLock { state -> (Bool, Duration, Bool) in
            if let startedAt, state.up, !up, startedAt < state.since { return (false, .zero, false) }
            if let error { state.lastError = error }
            guard state.up != up else { return (false, .zero, true) }
            let outage = now - state.since
            state.up = up
            state.since = now
            return (true, outage, true)
        }
        guard changed else { return reached }
        metrics.databaseUp.record(up ? 1 : 0)
        log(up: up, outage: outage, operation: operation)
        return true
    }

    /// Logs the current state if it differs from the last one logged and the rate limit allows.
    private func logSettledState() {
        let (up, pending) = state.withLock { ($0.up, $0.loggedUp != $0.up) }
        // How long an outage lasted is known only at the transition; a late line goes without it.
        if pending { log(up: up, outage: nil, operation: nil) }
    }

    private func log(up: Bool, outage: Duration?, operation: Operation?) {
        let (allowed, error) = state.withLock { state -> (Bool, String?) in
            guard up ? state.upLog.allow() : state.downLog.allow() else { return (false, nil) }
            state.loggedUp = up
            return (true, state.lastError)
        }
        guard allowed else { return }
        // A warning, not a notice: whoever saw the loss at warning level must see the way back.
        if up {
            logger.warning("database reachable again", metadata: outage.map { ["outage_seconds": "\(Int($0.milliseconds / 1000))"] } ?? [:])
        } else {
            var metadata: Logger.Metadata = ["database": "\(database.dialect.rawValue)", "error": "\(error ?? "unknown")"]
            if let operation { metadata["operation"] = "\(operation.rawValue)" }
            logger.error("database unreachable: serving cached keys, queueing traces", metadata: metadata)
        }
    }
}
