import BrokleCore
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Dashboard passwords: bcrypt (cost 12), 12 to 72 bytes (bcrypt reads no further than 72, so a
/// longer one is refused rather than silently cut).
package enum DashboardPasswords {
    package static let cost: UInt8 = 12
    package static let lengths = 12...72

    /// The hash to store for `password`, or a usage error saying what is wrong with it.
    package static func hash(_ password: String) throws(BrokleError) -> String {
        let bytes = password.utf8.count
        guard lengths.contains(bytes) else {
            throw BrokleError(
                .usage, "the password has \(bytes) bytes; it needs \(lengths.lowerBound) to \(lengths.upperBound)",
                hint: "pass it on stdin: `printf %s \"$PASSWORD\" | brokle users passwd EMAIL`")
        }
        guard !password.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw BrokleError(.usage, "the password holds a NUL byte")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. With no hash (no such member, or no password set) a
    /// hash of the same cost is still checked, so the answer takes as long either way.
    package static func verify(_ password: String, hash: String?) -> Bool {
        guard lengths.contains(password.utf8.count) else { return false }
        guard let hash else {
            _ = Bcrypt.verify(password, hash: decoy)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// ``verify(_:hash:)`` on a thread of its own: bcrypt takes a quarter second of CPU by design,
    /// which must never run on an event loop (every request on it would wait) nor on NIO's shared
    /// blocking pool (SQLite's calls run there). At most ``maximumWaiting`` checks wait their turn;
    /// past that a sign-in is refused at once (503) instead of queueing CPU work without end.
    static func verifyOffLoop(_ password: String, hash: String?) async throws(GatewayError) -> Bool {
        guard waiting.add(1, ordering: .relaxed).newValue <= maximumWaiting else {
            waiting.subtract(1, ordering: .relaxed)
            throw GatewayError(
                status: 503, type: "api_error", code: "sign_in_busy", message: "Too many sign-ins at once; try again shortly.")
        }
        defer { waiting.subtract(1, ordering: .relaxed) }
        return (try? await pool.runIfActive { verify(password, hash: hash) }) ?? false
    }

    static let maximumWaiting = 8
    private static let waiting = Atomic<Int>(0)
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// A hash nobody's password matches, checked when there is none to check.
    private static let decoy = Bcrypt.hash("brokle-decoy-\(SignInSecret.make().value)", cost: cost)
}
