#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// One plain TCP connection to a local port, written and read by hand, for tests about what
/// happens on a connection (several requests on one socket) that an HTTP client would hide.
/// The socket is blocking, so each call runs off the cooperative pool; one task uses a connection
/// at a time, one call after another.
final class RawHTTPConnection: @unchecked Sendable {
    private let socket: Int32
    private var received = [UInt8]()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int) throws {
        #if canImport(Glibc)
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)  // a loaded full run can be slow to answer; a hang still ends
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect() failed")
        }
    }

    deinit { close(socket) }

    /// Sends a POST with a JSON body.
    func post(_ path: String, body: String, headers: [String: String]) async throws {
        try await offThePool { try self.postBlocking(path, body: body, headers: headers) }
    }

    /// Reads until `marker` has arrived; returns everything up to and including it (what follows
    /// stays for the next read). Throws when the connection closes first or nothing comes for 5 s.
    func read(through marker: String) async throws -> String {
        try await offThePool { try self.readBlocking(through: marker) }
    }

    private func postBlocking(_ path: String, body: String, headers: [String: String]) throws {
        var text = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + body
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw Failure(description: "send() failed") }
    }

    /// Closes the sending side (the server sees the end of its input; the socket stays readable).
    func closeWrite() {
        shutdown(socket, Int32(SHUT_WR))
    }

    /// Reads until the server closes the connection; returns what arrived. Throws when nothing
    /// comes for 5 s (the server kept the connection open).
    func readToEnd() async throws -> String {
        try await offThePool { try self.readToEndBlocking() }
    }

    private func readToEndBlocking() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count >= 0 else { throw Failure(description: "recv() failed or timed out: the server kept the connection open") }
            if count == 0 {
                defer { received.removeAll() }
                return String(decoding: received, as: UTF8.self)
            }
            received.append(contentsOf: buffer[..<count])
        }
    }

    private func readBlocking(through marker: String) throws -> String {
        let needle = Array(marker.utf8)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let range = received.firstRange(of: needle) {
                let text = String(decoding: received[..<range.upperBound], as: UTF8.self)
                received.removeSubrange(..<range.upperBound)
                return text
            }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw Failure(description: count == 0 ? "the server closed the connection" : "recv() failed or timed out")
            }
            received.append(contentsOf: buffer[..<count])
        }
    }
}
