import BrokleCore
import Synchronization

/// The `.env` files a ``ConfigLoader`` has parsed, by absolute path. A command loads its settings
/// in steps (the global ones, then the gateway's or the spill folder) through one loader; they all
/// see the one reading of the file.
final class DotEnvCache: Sendable {
    private let files = Mutex<[String: [String: String]]>([:])

    func variables(at path: String, read: () throws(BrokleError) -> [String: String]) throws(BrokleError) -> [String: String] {
        if let cached = files.withLock({ $0[path] }) { return cached }
        let variables = try read()
        files.withLock { $0[path] = variables }
        return variables
    }
}
