import SQLKit

extension Database {
    /// Runs `body` in one transaction and maps driver errors to ``BrokleError`` (`what` says what was
    /// being done). A unique-key clash becomes `conflict`, a lost connection `database_unavailable`.
    public func write<T: Sendable>(_ what: String, _ body: (any SQLDatabase) async throws -> T) async throws(BrokleError) -> T {
        try await call(what) { try await transaction(body) }
    }

    /// Runs `body` (reads, or a single statement) and maps driver errors like ``write(_:_:)``.
    public func call<T>(_ what: String, _ body: () async throws -> T) async throws(BrokleError) -> T {
        do {
            return try await body()
        } catch let error as BrokleError {
            throw error
        } catch {
            if DatabaseErrorText.isUniqueViolation(error) {
                throw BrokleError(.conflict, "could not \(what): it already exists", hint: "pass --if-not-exists to reuse the existing one")
            }
            let kind: BrokleError.Kind = DatabaseErrorText.isConnectionLoss(error) ? .databaseUnavailable : .database
            throw BrokleError(kind, "could not \(what): \(DatabaseErrorText.describe(error))")
        }
    }

    /// `count(*)`-style integer from a query returning one row with column `n`.
    func count(_ query: SQLQueryString, on sql: (any SQLDatabase)? = nil) async throws -> Int {
        try await (sql ?? self.sql).raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
