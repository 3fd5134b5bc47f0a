import BrokleCore
import BrokleStorage
import Foundation
import HTTPTypes
import Logging

/// Who is calling: reads the key from `Authorization: Bearer …`, `api-key:` (Azure SDKs) or
/// `x-api-key:` (Anthropic SDKs), answers from the
/// cache when it can, else asks the key store (within `lookupTimeout`), and records use for
/// `last_used_at`. While the database is unreachable, a key it accepted within the stale-if-error
/// window keeps working and an unknown key gets a fast 503 (`auth_unavailable`).
struct Authenticator: Sendable {
    let cache: KeyCache
    let store: KeyStore
    let usage: KeyUsageRecorder
    let metrics: GatewayMetrics
    let monitor: DatabaseMonitor
    let lookupTimeout: Duration

    private static let headerNames = [HTTPField.Name("api-key")!, HTTPField.Name("x-api-key")!]

    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let authorization = headers.value(.authorization) {
            if let key = plainBearer(authorization) { return key }
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        for name in headerNames {
            if let key = headers.value(name) { return key.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// The key of the common `Bearer <key>` with nothing to trim, without splitting, lowercasing or
    /// trimming through Foundation (the general path below gives the same answer for it).
    private static func plainBearer(_ authorization: String) -> String? {
        let printable: ClosedRange<UInt8> = 0x21...0x7E
        guard authorization.utf8.count > 7, authorization.utf8.starts(with: "Bearer ".utf8),
            let first = authorization.utf8.dropFirst(7).first, printable.contains(first),
            let last = authorization.utf8.last, printable.contains(last)
        else { return nil }
        return String(authorization.dropFirst(7))
    }

    /// The caller's context; every refusal is the same 401 for the caller, with the reason logged.
    func authenticate(_ headers: HTTPFields, logger: Logger) async throws(GatewayError) -> KeyContext {
        guard let presented = Self.presentedKey(headers), !presented.isEmpty else {
            metrics.authFailure(.malformed)
            logger.info("request refused", metadata: ["auth.reason": "missing"])
            throw .invalidAPIKey
        }
        let result: Result<KeyContext, KeyRejection>
        switch cache.lookup(presented) {
        case .fresh(let cached):
            result = cached
        case .stale(let context):
            result = monitor.isUp ? try await lookUp(presented, stale: context, logger: logger) : servedStale(context)
        case .miss:
            guard monitor.isUp else {
                // Not a warning per request: the monitor has already logged the outage once.
                logger.debug("request refused: the database is unreachable and the key is not cached")
                throw GatewayError.authUnavailable
            }
            result = try await lookUp(presented, stale: nil, logger: logger)
        }
        switch result {
        case .success(let context):
            if let expires = context.expiresAt, expires <= Date() {
                try reject(.expired, logger: logger)
            }
            usage.record(keyID: context.keyID)
            return context
        case .failure(let reason):
            try reject(reason, logger: logger)
        }
    }

    /// Asks the store; when it cannot answer, a stale accepted key is used, else the request gets 503.
    /// A lookup that failed because it began before the database came back (its lease cut by the
    /// pool's renewal) is asked once more, within what is left of `lookupTimeout`.
    private func lookUp(_ presented: String, stale: KeyContext?, logger: Logger) async throws(GatewayError) -> Result<
        KeyContext, KeyRejection
    > {
        let deadline = ContinuousClock.now + lookupTimeout
        var retried = false
        while true {
            let started = ContinuousClock.now
            do {
                let fresh = try await store.authenticate(presented, timeout: deadline - started)
                monitor.succeeded()
                cache.store(presented, fresh)
                return fresh
            } catch {
                let down = monitor.failed(.authenticate, error, started: started)
                if !down, !retried, error.kind == .databaseUnavailable, deadline - .now > .milliseconds(50) {
                    retried = true
                    continue
                }
                if let stale { return servedStale(stale) }
                logger.error("key lookup failed", metadata: ["error": "\(error.message)"])
                throw GatewayError.authUnavailable
            }
        }
    }

    private func servedStale(_ context: KeyContext) -> Result<KeyContext, KeyRejection> {
        metrics.authStale.increment()
        return .success(context)
    }

    private func reject(_ reason: KeyRejection, logger: Logger) throws(GatewayError) -> Never {
        metrics.authFailure(reason)
        logger.info("request refused", metadata: ["auth.reason": "\(reason.rawValue)"])
        throw .invalidAPIKey
    }
}
