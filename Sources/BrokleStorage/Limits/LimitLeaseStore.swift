import BrokleCore
import Foundation
import SQLKit

/// The shared side of limits: instances take capacity from `limit_counters` in slices, each take
/// one transaction that reads the counter's row under a lock (PostgreSQL `FOR UPDATE`, SQLite's
/// write lock) and moves it — never a read-then-write race. What an instance holds of a budget,
/// a plan quota or concurrency slots is also in `limit_leases`, renewed while it lives and given
/// back by ``expire(now:timeout:)`` once it stops being renewed.
package struct LimitLeaseStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1e6).rounded()) }

    /// Takes up to `wanted` of `counter` (limit `limit`) for `instance`, and nothing unless at least
    /// `minimum` fits. Returns what was taken and, when nothing was, how long until `minimum`
    /// would fit (nil: not before the period ends or the limit changes).
    package func take(
        _ counter: LimitCounter, limit: Int64, wanted: Int64, minimum: Int64, instance: String, leaseFor: TimeInterval, now: Date,
        timeout: Duration? = nil
    ) async throws(BrokleError) -> (granted: Int64, retryAfter: TimeInterval?) {
        let lock: SQLQueryString = database.dialect == .postgres ? " FOR UPDATE" : ""
        return try await database.write("take from limit \(counter.name)", timeout: timeout) { sql in
            let level = try await Self.level(counter, expires: Self.expiry(counter, now: now), lock: lock, on: sql)
            switch counter.kind {
            case .rpm, .tpm:
                let rate = GCRA(perMinute: limit)
                let nowMicros = Self.micros(now)
                var (granted, tat) = rate.take(wanted, tat: level, now: nowMicros, partial: true)
                guard granted >= minimum else {
                    return (0, Double(rate.wait(for: minimum, tat: level, now: nowMicros)) / 1e6)
                }
                if granted == 0 { tat = level }
                try await Self.setLevel(counter, tat, expires: Date(timeIntervalSince1970: Double(tat) / 1e6 + 60), on: sql)
                return (granted, nil)
            case .concurrency, .usd, .planRequests:
                let granted = min(wanted, max(0, limit - level))
                guard granted >= minimum, granted > 0 || minimum == 0 else {
                    // Slots come back as requests end; budgets and quotas when the period does.
                    return (0, counter.kind == .concurrency ? 1 : counter.periodEnd.map { $0.timeIntervalSince(now) })
                }
                try await Self.setLevel(counter, level + granted, expires: Self.expiry(counter, now: now), on: sql)
                try await Self.hold(counter.name, adding: granted, instance: instance, until: now.addingTimeInterval(leaseFor), on: sql)
                return (granted, nil)
            }
        }
    }

    /// Adds `amount` to a budget or quota past its limit: spend that already happened (a request
    /// that used more than it reserved) is recorded, never lost.
    package func charge(_ counter: LimitCounter, _ amount: Int64, instance: String, now: Date, timeout: Duration? = nil)
        async throws(BrokleError)
    {
        guard amount > 0, counter.kind != .rpm, counter.kind != .tpm else { return }
        try await database.write("charge limit \(counter.name)", timeout: timeout) { sql in
            let level = try await Self.level(counter, expires: Self.expiry(counter, now: now), lock: "", on: sql)
            try await Self.setLevel(counter, level + amount, expires: Self.expiry(counter, now: now), on: sql)
        }
    }

    /// Gives back `amount` taken earlier and not used.
    package func giveBack(_ counter: LimitCounter, limit: Int64, _ amount: Int64, instance: String, now: Date, timeout: Duration? = nil)
        async throws(BrokleError)
    {
        guard amount > 0 else { return }
        let lock: SQLQueryString = database.dialect == .postgres ? " FOR UPDATE" : ""
        try await database.write("give back to limit \(counter.name)", timeout: timeout) { sql in
            let level = try await Self.level(counter, expires: Self.expiry(counter, now: now), lock: lock, on: sql)
            switch counter.kind {
            case .rpm, .tpm:
                let tat = GCRA(perMinute: limit).giveBack(amount, tat: level, now: Self.micros(now))
                try await Self.setLevel(counter, tat, expires: Date(timeIntervalSince1970: Double(tat) / 1e6 + 60), on: sql)
            case .concurrency, .usd, .planRequests:
                try await Self.setLevel(counter, max(0, level - amount), expires: Self.expiry(counter, now: now), on: sql)
                try await Self.hold(counter.name, adding: -amount, instance: instance, until: now.addingTimeInterval(60), on: sql)
            }
        }
    }

    /// Renews this instance's leases: what it holds of each counter now (unused capacity and
    /// in-flight reservations), kept until `until`.
    package func renew(_ holdings: [String: Int64], instance: String, until: Date, timeout: Duration? = nil) async throws(BrokleError) {
        guard !holdings.isEmpty else { return }
        try await database.write("renew \(holdings.count) limit leases", timeout: timeout) { sql in
            for (counter, amount) in holdings {
                try await sql.update("limit_leases").set("amount", to: amount).set("expires_at", to: until)
                    .where("instance_id", .equal, instance).where("counter", .equal, counter).run()
            }
        }
    }

    /// Gives back what instances that stopped renewing their leases still held; deletes counters
    /// whose period or rate window is over. Returns how many leases expired.
    @discardableResult
    package func expire(now: Date, timeout: Duration? = nil) async throws(BrokleError) -> Int {
        try await database.write("expire limit leases", timeout: timeout) { sql in
            let dead = try await sql.select().columns("instance_id", "counter", "amount").from("limit_leases")
                .where("expires_at", .lessThan, now).all()
            for row in dead {
                let counter = try row.decode(column: "counter", as: String.self)
                let amount = try row.decode(column: "amount", as: Int64.self)
                try await sql.raw(
                    "UPDATE limit_counters SET level = CASE WHEN level > \(bind: amount) THEN level - \(bind: amount) ELSE 0 END WHERE counter = \(bind: counter)"
                ).run()
                try await sql.delete(from: "limit_leases").where(
                    "instance_id", .equal, try row.decode(column: "instance_id", as: String.self)
                )
                .where("counter", .equal, counter).run()
            }
            try await sql.raw(
                "DELETE FROM limit_counters WHERE expires_at < \(bind: now) AND counter NOT IN (SELECT counter FROM limit_leases)"
            ).run()
            return dead.count
        }
    }

    /// The levels of `counters` (missing ones are zero: nothing taken).
    package func levels(_ counters: [String], timeout: Duration? = nil) async throws(BrokleError) -> [String: Int64] {
        guard !counters.isEmpty else { return [:] }
        return try await database.call("read limit counters", timeout: timeout) {
            var levels: [String: Int64] = [:]
            for row in try await database.sql.select().columns("counter", "level").from("limit_counters")
                .where("counter", .in, counters).all()
            {
                levels[try row.decode(column: "counter", as: String.self)] = try row.decode(column: "level", as: Int64.self)
            }
            return levels
        }
    }

    /// The counter's level, its row made first when missing.
    static func level(_ counter: LimitCounter, expires: Date, lock: SQLQueryString, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.insert(into: "limit_counters").columns("counter", "level", "expires_at").values(counter.name, Int64(0), expires)
            .ignoringConflicts(with: "counter").run()
        return try await sql.raw("SELECT level FROM limit_counters WHERE counter = \(bind: counter.name)\(lock)").first()?
            .decode(column: "level", as: Int64.self) ?? 0
    }

    static func setLevel(_ counter: LimitCounter, _ level: Int64, expires: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("limit_counters").set("level", to: level).set("expires_at", to: expires)
            .where("counter", .equal, counter.name).run()
    }

    /// Adds `amount` to this instance's lease of `counter`, made when missing.
    static func hold(_ counter: String, adding amount: Int64, instance: String, until: Date, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "limit_leases").columns("instance_id", "counter", "amount", "expires_at")
            .values(instance, counter, max(0, amount), until)
            .onConflict(with: ["instance_id", "counter"]) {
                $0.set(
                    SQLColumn("amount"),
                    to: SQLRaw("CASE WHEN limit_leases.amount + \(amount) > 0 THEN limit_leases.amount + \(amount) ELSE 0 END")
                )
                .set(excludedValueOf: "expires_at")
            }.run()
    }

    /// When a counter row may go: a period's end (plus a day), else a day from now.
    static func expiry(_ counter: LimitCounter, now: Date) -> Date {
        (counter.periodEnd ?? now).addingTimeInterval(86_400)
    }
}
