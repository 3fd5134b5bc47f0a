/// Runs an upstream call with a time limit: past it the call is cancelled (which cancels the HTTP
/// request) and the provider counts as timed out.
enum Deadline {
    static func run<T: Sendable>(seconds: Double?, provider: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let seconds else { return try await operation() }
        guard seconds > 0 else { throw GatewayError.upstreamTimeout(provider) }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw GatewayError.upstreamTimeout(provider)
            }
            return value
        }
    }
}
