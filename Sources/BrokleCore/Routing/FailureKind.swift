/// What kind of failure an upstream attempt ended with; a route says which kinds are retried on
/// the same target and which fall through to the next one.
package enum FailureKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The provider could not be reached (connection refused, DNS, TLS, reset before an answer).
    case connect
    /// No answer within the attempt's timeout (or HTTP 408).
    case timeout
    /// HTTP 429.
    case rateLimited = "429"
    /// HTTP 5xx.
    case server = "5xx"
    /// Any other HTTP 4xx: the request itself is wrong, another target will not fix it.
    case client = "4xx"

    /// The kind of an upstream answer's HTTP status (a 2xx is not a failure: nil).
    package static func of(status: Int) -> FailureKind? {
        switch status {
        case 200..<300: nil
        case 408: .timeout
        case 429: .rateLimited
        case 500...: .server
        default: .client
        }
    }

    /// The kind of a gateway error raised for a transport failure or a relayed upstream status.
    package static func of(_ error: GatewayError) -> FailureKind {
        switch error.code {
        case "upstream_unreachable": return .connect
        case "upstream_timeout": return .timeout
        default: return of(status: error.status) ?? .client
        }
    }

    /// The default for both retries and fall-through: everything a different attempt could fix.
    package static let transient: Set<FailureKind> = [.connect, .timeout, .rateLimited, .server]
}
