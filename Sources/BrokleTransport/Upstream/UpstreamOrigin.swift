/// Where an upstream request goes, read from its URL once: the connection it needs (scheme, host,
/// port) and the request target. Only `http` and `https` URLs, without user info.
struct UpstreamOrigin: Hashable, Sendable {
    let tls: Bool
    let host: String
    let port: Int
    /// The `Host` header: the port only when it is not the scheme's default. Made once: every
    /// request sends it.
    let hostHeader: String

    init(tls: Bool, host: String, port: Int) {
        self.tls = tls
        self.host = host
        self.port = port
        let name = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        hostHeader = port == (tls ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// Two origins are the same connection target when scheme, host and port are: the `Host` header
    /// follows from them, and is left out of the hash a pool lookup computes per request.
    static func == (a: UpstreamOrigin, b: UpstreamOrigin) -> Bool {
        a.tls == b.tls && a.port == b.port && a.host == b.host
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(tls)
        hasher.combine(host)
        hasher.combine(port)
    }

    /// Whether `host` is an IP address (no SNI for those).
    var hostIsAddress: Bool {
        host.utf8.contains(UInt8(ascii: ":")) || host.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// `url`'s origin and its path with query (`/` when empty); nil for anything else.
    static func parse(_ url: String) -> (origin: UpstreamOrigin, target: String)? {
        let tls: Bool
        var rest: Substring
        if url.hasPrefix("https://") {
            (tls, rest) = (true, url.dropFirst(8))
        } else if url.hasPrefix("http://") {
            (tls, rest) = (false, url.dropFirst(7))
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let target = rest.isEmpty ? "/" : (rest.first == "?" ? "/" + rest : String(rest))
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host: Substring
        var port: Int?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":", let value = Int(after.dropFirst()) else { return nil }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let value = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = value
        } else {
            host = authority
        }
        guard !host.isEmpty, (1...65535).contains(port ?? 1) else { return nil }
        return (UpstreamOrigin(tls: tls, host: host.lowercased(), port: port ?? (tls ? 443 : 80)), target)
    }
}
