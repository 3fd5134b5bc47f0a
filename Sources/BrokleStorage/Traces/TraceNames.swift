import BrokleCore
import Synchronization

/// `trace_names` numbers by name: what a batch's rows bind in place of their names (migration 0016).
typealias TraceNameRefs = [String: Int]

/// The numbers of names already committed to `trace_names`, shared by the trace writers of one
/// ``Database``: a name is looked up in the database once, then bound from here. Names are never
/// deleted, so a committed number stays right; numbers a batch made are remembered only once its
/// transaction has committed (a rolled-back batch's numbers may be reused). Bounded: a client can
/// send any model name, so past ``limit`` names the cache starts over (the database still has them).
final class TraceNameCache: Sendable {
    static let limit = 10_000
    private let refs = Mutex<TraceNameRefs>([:])

    /// The numbers of `names` known here, and the names that are not.
    func lookUp(_ names: Set<String>) -> (known: TraceNameRefs, missing: [String]) {
        refs.withLock { refs in
            var known = TraceNameRefs(minimumCapacity: names.count)
            var missing: [String] = []
            for name in names {
                if let ref = refs[name] { known[name] = ref } else { missing.append(name) }
            }
            return (known, missing)
        }
    }

    /// Numbers from a committed transaction.
    func remember(_ committed: TraceNameRefs) {
        guard !committed.isEmpty else { return }
        refs.withLock { refs in
            if refs.count + committed.count > Self.limit { refs.removeAll(keepingCapacity: true) }
            refs.merge(committed) { old, _ in old }
        }
    }
}

extension TraceStatements {
    /// The numbers of every name of `traces`: from `cache`, else stored (if new) and read back in
    /// the caller's transaction. `made` holds the ones read here, for ``TraceNameCache/remember(_:)``
    /// after the commit.
    func nameRefs(of traces: [TraceRecord], cache: TraceNameCache) async throws -> (refs: TraceNameRefs, made: TraceNameRefs) {
        var names = Set<String>()
        // Exactly the names the rows will ask ``TraceRowRefs`` for (their numbers are not known yet).
        for trace in traces {
            _ = TraceRowRefs(trace) { name in
                names.insert(name)
                return 0
            }
        }
        var (refs, missing) = cache.lookUp(names)
        guard !missing.isEmpty else { return (refs, [:]) }
        try await inSlices(
            missing, columns: 1, sql: { Self.insert(into: "trace_names", ["name"], rows: $0) + " ON CONFLICT (name) DO NOTHING" },
            bind: { name, binds in binds.bind(name) }, run: run)
        var made = TraceNameRefs(minimumCapacity: missing.count)
        try await inSlices(
            missing, columns: 1,
            sql: { Self.namesSelect(rows: $0) },
            bind: { name, binds in binds.bind(name) },
            run: { sql, binds in for (name, ref) in try await self.names(sql, binds) { made[name] = ref } })
        guard made.count == missing.count else {
            throw BrokleError(.database, "trace_names lacks \(missing.count - made.count) of the names just stored")
        }
        refs.merge(made) { old, _ in old }
        return (refs, made)
    }
}
