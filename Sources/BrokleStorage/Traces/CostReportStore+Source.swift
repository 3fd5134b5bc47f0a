import BrokleCore
import Foundation
import SQLKit

extension CostReportStore {
    /// Where a report's rows come from. Plain reports: the whole hours of the range from
    /// `usage_hourly`, the whole minutes of its partial hours from `usage_minutely`, and at most a
    /// minute at each end from `traces`. Reports by one end user or one tag (grouped or filtered):
    /// whole days from `usage_identity_daily`, the whole hours of the partial days from
    /// `usage_identity_hourly`, the partial hours from the traces. Anything else the
    /// rollups do not have (a session, metadata, two identities at once, or an identity with a key,
    /// model or provider): the range's traces.
    struct Plan {
        /// A stretch of the range, [from, to) (either open), and what it is read from.
        struct Part {
            var source: Source
            var from: Date?
            var to: Date?

            /// `column` within [from, to).
            func condition(on column: SQLQueryString) -> SQLQueryString {
                switch (from, to) {
                case let (from?, to?): "(" + column + " >= \(bind: from) AND " + column + " < \(bind: to))"
                case let (from?, nil): "(" + column + " >= \(bind: from))"
                case let (nil, to?): "(" + column + " < \(bind: to))"
                case (nil, nil): "(1 = 1)"
                }
            }
        }

        enum Source: Equatable {
            case hourly, minutely, traces
            /// `usage_identity_daily` (whole days) or `usage_identity_hourly`.
            case identity(IdentityRollup.Kind, daily: Bool)

            /// Whole days of end users or tags (`usage_identity_daily`).
            var readsDays: Bool { if case .identity(_, daily: true) = self { true } else { false } }

            /// Pruned with the traces (``TracePruner``): gone before the traces' retention horizon.
            var prunedWithTraces: Bool { self != .hourly }
        }

        var parts: [Part] = []
        /// The parts' identity columns are selected (end user, session, tags, metadata).
        var identity = false
        /// The range is most of the table: read it in a scan, not through the started_at index (SQLite).
        var scan = false
        /// The names a trace part looks up in `trace_names`; the others it selects as NULL.
        var names: Names = []

        /// Names of `trace_rows`' numbers a report needs from its traces. Each is a lookup a trace:
        /// a report by session over a day's 330k traces took 0.63 s of CPU through the `traces`
        /// view's ten lookups and 0.37 s with none (SQLite, measured).
        struct Names: OptionSet {
            let rawValue: Int
            static let tenancy = Names(rawValue: 1)
            static let key = Names(rawValue: 2)
            static let model = Names(rawValue: 4)
            static let provider = Names(rawValue: 8)

            init(rawValue: Int) { self.rawValue = rawValue }

            init(_ filter: TraceFilter, _ dimensions: [Dimension]) {
                self = []
                if filter.needsTenancyJoins || dimensions.contains(where: { [.org, .project, .env].contains($0) }) {
                    insert(.tenancy)
                }
                if filter.key != nil || dimensions.contains(.key) { insert(.key) }
                if filter.model != nil || dimensions.contains(.model) { insert(.model) }
                if filter.provider != nil || dimensions.contains(.provider) { insert(.provider) }
            }
        }

        /// `dailyBefore`: on SQLite, the daily end-user and tag rows hold only the hours before their
        /// mark (``IdentityDailyRoll``), so whole days come from them only before the mark's day.
        init(_ filter: TraceFilter, dimensions: [Dimension], dailyBefore: Date? = nil) {
            names = Names(filter, dimensions)
            let readsIdentity = filter.hasIdentityConditions || dimensions.contains(where: \.isIdentity)
            guard readsIdentity else {
                parts = Self.split(filter.since, filter.until, into: [(3600, .hourly), (60, .minutely)])
                return
            }
            identity = true
            if let kind = Self.identityKind(filter, dimensions) {
                let days: [(Double, Source)] = [(86_400, .identity(kind, daily: true)), (3600, .identity(kind, daily: false))]
                let hours = Array(days.dropFirst())
                let (from, to) = (filter.since, filter.until)
                guard let limit = dailyBefore.map({ UsageRollup.floor($0, 86_400) }) else {
                    parts = Self.split(from, to, into: days)
                    return
                }
                if let from, from >= limit {
                    parts = Self.split(from, to, into: hours)
                } else if let to, to <= limit {
                    parts = Self.split(from, to, into: days)
                } else {
                    parts = Self.split(from, limit, into: days) + Self.split(limit, to, into: hours)
                }
            } else {
                scan = filter.readsMostOfTheTable
                parts = [Part(source: .traces, from: filter.since, to: filter.until)]
            }
        }

        /// [from, to) as whole buckets of the first size, their edges as whole buckets of the next,
        /// and what is left from the traces.
        static func split(_ from: Date?, _ to: Date?, into sizes: ArraySlice<(Double, Source)>) -> [Part] {
            guard let (seconds, source) = sizes.first else { return [Part(source: .traces, from: from, to: to)] }
            let rest = sizes.dropFirst()
            let first = from.map { UsageRollup.ceil($0, seconds) }
            let end = to.map { UsageRollup.floor($0, seconds) }
            if let first, let end, first >= end { return split(from, to, into: rest) }
            var parts: [Part] = []
            if let from, let first, from < first { parts += split(from, first, into: rest) }
            parts.append(Part(source: source, from: first, to: end))
            if let to, let end, end < to { parts += split(end, to, into: rest) }
            return parts
        }

        static func split(_ from: Date?, _ to: Date?, into sizes: [(Double, Source)]) -> [Part] {
            split(from, to, into: sizes[...])
        }

        /// The identity rollup that answers a report, if one does: it needs one end user's or one
        /// tag's figures (grouped or filtered, not both kinds), nothing it does not have.
        static func identityKind(_ filter: TraceFilter, _ dimensions: [Dimension]) -> IdentityRollup.Kind? {
            guard filter.sessionID == nil, filter.metadata.isEmpty, !dimensions.contains(.session) else { return nil }
            guard filter.key == nil, filter.model == nil, filter.provider == nil, filter.status == nil,
                filter.minLatencyMs == nil, !filter.fallbackOnly, !filter.cachedOnly,
                !dimensions.contains(where: { $0 == .key || $0 == .model || $0 == .provider })
            else { return nil }
            let user = filter.endUser != nil || dimensions.contains(.user)
            let tag = !filter.tags.isEmpty || dimensions.contains(.tag)
            switch (user, tag) {
            case (true, false): return .user
            case (false, true): return filter.tags.count <= 1 ? .tag : nil
            default: return nil
            }
        }

        /// The stretches read from what retention prunes with the traces.
        var prunedWithTraces: [(from: Date?, to: Date?)] {
            parts.filter(\.source.prunedWithTraces).map { ($0.from, $0.to) }
        }
    }

    /// The filter and plan of a report; a report on the traces alone over most of them is read in a scan.
    func planned(_ filter: TraceFilter, dimensions: [Dimension]) async throws(BrokleError) -> (TraceFilter, Plan) {
        var filter = filter
        var plan = Plan(filter, dimensions: dimensions)
        if database.dialect == .sqlite, plan.parts.contains(where: \.source.readsDays) {
            let database = self.database
            let mark = try await database.call("read the daily rollups' mark") {
                try await IdentityDailyRoll.mark(on: database.sql, dialect: .sqlite)
            }
            plan = Plan(filter, dimensions: dimensions, dailyBefore: mark)
        }
        // Only a report on the traces alone reads its whole range from them.
        guard plan.identity, plan.parts.count == 1, plan.parts[0].source == .traces else { return (filter, plan) }
        filter.readsMostOfTheTable = try await filter.coversMostTraces(on: database)
        return (filter, Plan(filter, dimensions: dimensions))
    }

    /// The rows to aggregate, as `traces`-shaped columns plus counts.
    func source(_ plan: Plan) -> SQLQueryString {
        let parts = plan.parts.map { part in select(part, identity: plan.identity, scan: plan.scan, names: plan.names) }
        return "(" + parts.joined(separator: " UNION ALL ") + ")"
    }

    private func select(_ part: Plan.Part, identity: Bool, scan: Bool, names: Plan.Names) -> SQLQueryString {
        let totals: SQLQueryString = "r.requests, r.errors, r.tokens_in, r.tokens_out, r.tokens_cached, r.cost_nanousd, r.unpriced_requests"
        let noIdentity: SQLQueryString = identity ? ", NULL AS end_user, NULL AS session_id, NULL AS tags, NULL AS metadata" : ""
        switch part.source {
        case .hourly:
            return
                """
                SELECT r.hour_start AS started_at, r.organization_id, r.project_id, r.environment_id, r.api_key_id,
                       r.model_requested, r.provider, \(totals)\(noIdentity)
                FROM usage_hourly r WHERE \(part.condition(on: "r.hour_start"))
                """
        case .minutely:
            return
                """
                SELECT r.minute_start AS started_at, o.name AS organization_id, p.name AS project_id, e.name AS environment_id,
                       k.name AS api_key_id, m.name AS model_requested, COALESCE(pv.name, '') AS provider, \(totals)\(noIdentity)
                FROM usage_minutely r \(Self.names(["o": "org", "p": "project", "e": "environment", "k": "api_key", "m": "model_requested", "pv": "provider"]))
                WHERE \(part.condition(on: "r.minute_start"))
                """
        case .identity(let kind, let daily):
            let table = daily ? IdentityRollup.Table.daily : .hourly
            let bucket = SQLQueryString("r.\(unsafeRaw: table.bucketColumn)")
            let columns: SQLQueryString =
                switch (kind, database.dialect) {
                case (.user, _): "NULLIF(r.value, '') AS end_user, NULL AS session_id, NULL AS tags, NULL AS metadata"
                // A tag's row carries the tag as the traces do, a JSON array (of one).
                case (.tag, .sqlite):
                    "NULL AS end_user, NULL AS session_id, CASE WHEN r.value = '' THEN NULL ELSE json_array(r.value) END AS tags, NULL AS metadata"
                case (.tag, .postgres):
                    "NULL AS end_user, NULL AS session_id, CASE WHEN r.value = '' THEN NULL ELSE CAST(json_build_array(r.value) AS TEXT) END AS tags, NULL AS metadata"
                }
            return
                """
                SELECT \(bucket) AS started_at, o.name AS organization_id, p.name AS project_id, e.name AS environment_id,
                       NULL AS api_key_id, NULL AS model_requested, NULL AS provider, \(totals), \(columns)
                FROM \(unsafeRaw: table.name) r \(Self.names(["o": "org", "p": "project", "e": "environment"]))
                WHERE r.kind = \(bind: kind.rawValue) AND \(part.condition(on: bucket))
                """
        case .traces:
            // From `trace_rows` itself, not the `traces` view: only the names the report uses are
            // looked up (``Plan/Names``); status and cost status are compared as numbers.
            let identityColumns: SQLQueryString = identity ? ", x.end_user, x.session_id, x.tags, x.metadata" : ""
            let column: SQLQueryString = scan && database.dialect == .sqlite ? "+x.started_at" : "x.started_at"
            var joins: [String: String] = [:]
            func name(_ needed: Plan.Names, _ alias: String, _ column: String, as output: String) -> String {
                guard names.contains(needed) else { return "NULL AS \(output)" }
                joins[alias] = column
                return "\(alias).name AS \(output)"
            }
            let selected = [
                name(.tenancy, "o", "org", as: "organization_id"), name(.tenancy, "p", "project", as: "project_id"),
                name(.tenancy, "e", "environment", as: "environment_id"), name(.key, "k", "api_key", as: "api_key_id"),
                name(.model, "m", "model_requested", as: "model_requested"),
            ]
            let provider = names.contains(.provider) ? "COALESCE(pv.name, '') AS provider" : "NULL AS provider"
            if names.contains(.provider) { joins["pv"] = "provider" }
            let joined = joins.sorted { $0.key < $1.key }
                .map { alias, column in " LEFT JOIN trace_names \(alias) ON \(alias).ref = x.\(column)" }.joined()
            return
                """
                SELECT x.started_at, \(unsafeRaw: selected.joined(separator: ", ")), \(unsafeRaw: provider), 1 AS requests,
                       CASE WHEN x.status = 1 THEN 1 ELSE 0 END AS errors, CAST(x.tokens_in AS BIGINT) AS tokens_in,
                       CAST(x.tokens_out AS BIGINT) AS tokens_out, CAST(x.tokens_cached AS BIGINT) AS tokens_cached, x.cost_nanousd,
                       CASE WHEN x.cost_status = (SELECT u.ref FROM trace_names u WHERE u.name = 'unpriced') THEN 1 ELSE 0 END
                           AS unpriced_requests\(identityColumns)
                FROM trace_rows x\(unsafeRaw: joined) WHERE \(part.condition(on: column))
                """
        }
    }

    /// Joins of `trace_names` for a rollup `r` whose names are numbers: alias → `r`'s column.
    static func names(_ columns: KeyValuePairs<String, String>) -> SQLQueryString {
        SQLQueryString(
            "\(unsafeRaw: columns.map { alias, column in " LEFT JOIN trace_names \(alias) ON \(alias).ref = r.\(column)" }.joined())")
    }
}
