import BrokleCore

/// The dashboard API's errors, in the gateway's OpenAI-style body.
enum DashboardErrors {
    /// Runs a store call, turning its error into the API's: 503 while the database cannot be
    /// reached, 404 for something missing, 400 for bad input, 409 for a conflict, else 500.
    static func mapped<T>(_ body: () async throws(BrokleError) -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch {
            throw gatewayError(error)
        }
    }

    static func gatewayError(_ error: BrokleError) -> GatewayError {
        switch error.kind {
        case .databaseUnavailable:
            GatewayError(
                status: 503, type: "api_error", code: "database_unavailable", message: "The database cannot be reached; try again shortly.")
        case .notFound: GatewayError(status: 404, type: "invalid_request_error", code: "not_found", message: error.message)
        case .usage, .config: GatewayError.invalidRequest(error.message)
        case .conflict: GatewayError(status: 409, type: "invalid_request_error", code: "conflict", message: error.message)
        default: .internalError
        }
    }

    static func notFound(_ what: String) -> GatewayError {
        GatewayError(status: 404, type: "invalid_request_error", code: "not_found", message: "No \(what) exists.")
    }
}

extension DashboardErrors {
    /// Runs a synchronous check, turning its error into the API's (a usage error is a 400).
    static func converted<T>(_ body: () throws(BrokleError) -> T) throws(GatewayError) -> T {
        do {
            return try body()
        } catch {
            throw gatewayError(error)
        }
    }
}
