/// Runs an upstream call with a time limit: past it the call is cancelled (which cancels the HTTP
/// request) and the provider counts as timed out. Built on ``TimeLimit``, so the caller gets its
/// answer on time even while the cancelled call is still winding down.
enum Deadline {
    static func run<T: Sendable>(seconds: Double?, provider: String, _ operation: @escaping @Sendable () async throws -> T) async throws
        -> T
    {
        guard let seconds else { return try await operation() }
        guard seconds > 0 else { throw GatewayError.upstreamTimeout(provider) }
        do {
            return try await TimeLimit.run(.seconds(seconds), operation)
        } catch is TimeLimit.Exceeded {
            throw GatewayError.upstreamTimeout(provider)
        }
    }
}
