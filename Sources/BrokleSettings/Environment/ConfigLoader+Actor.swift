import BrokleCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ConfigLoader {
    /// Who the audit log says made this command's changes: `BROKLE_ACTOR` (environment or `.env`)
    /// when set, else `cli:` and the operating-system user; from this host.
    func actor(_ sources: ConfigSources) -> AuditActor {
        AuditActor.cli(
            override: sources.nonEmpty("brokle.actor"), userName: Self.userName() ?? environment["USER"] ?? environment["LOGNAME"],
            hostName: Self.hostName())
    }

    /// The user this process runs as (the password database's name for its uid); `USER` or
    /// `LOGNAME` stand in where the uid has no name (some containers).
    static func userName() -> String? {
        let name = ProcessInfo.processInfo.userName
        return name.isEmpty ? nil : name
    }

    /// `gethostname(2)`: no lookup, so it never waits for a resolver.
    static func hostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }
}
