import BrokleCore
import SQLKit

extension Database {
    /// Runs `body` in one transaction and maps driver errors to ``BrokleError`` (`what` says what was
    /// being done). A unique-key clash becomes `conflict`, a lost connection or a call past
    /// `timeout` (``Options/callTimeout`` by default) `database_unavailable`.
    package func write<T: Sendable>(
        _ what: String, timeout: Duration? = nil, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws(BrokleError) -> T {
        try await call(what, timeout: timeout) { try await self.transaction(body) }
    }

    /// Runs `body` (reads, or a single statement) with a time limit and maps driver errors like
    /// ``write(_:timeout:_:)``. Past the limit the caller gets its error at once, whatever the
    /// driver is still waiting for.
    package func call<T: Sendable>(
        _ what: String, timeout: Duration? = nil, _ body: @escaping @Sendable () async throws -> T
    ) async throws(BrokleError) -> T {
        do {
            return try await TimeLimit.run(timeout ?? options.callTimeout, body)
        } catch let error as BrokleError {
            throw error
        } catch {
            if DatabaseErrorText.isUniqueViolation(error) {
                throw BrokleError(.conflict, "could not \(what): it already exists", hint: "pass --if-not-exists to reuse the existing one")
            }
            let kind: BrokleError.Kind = DatabaseErrorText.isUnavailable(error) ? .databaseUnavailable : .database
            throw BrokleError(kind, "could not \(what): \(DatabaseErrorText.describe(error))")
        }
    }

    /// `count(*)`-style integer from a query returning one row with column `n`.
    func count(_ query: SQLQueryString, on sql: (any SQLDatabase)? = nil) async throws -> Int {
        try await (sql ?? self.sql).raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
