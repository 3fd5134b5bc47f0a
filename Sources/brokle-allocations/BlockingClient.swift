#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP/1.1 client on one keep-alive connection that allocates nothing per request: requests
/// are bytes built beforehand, answers are read into one buffer and only their end is looked for
/// (a `content-length` body, or a chunked body's last chunk). It blocks its thread, so the
/// allocation count of the process is the gateway's, not a client library's.
final class BlockingClient: @unchecked Sendable {
    private static let headerEnd: [UInt8] = [13, 10, 13, 10]
    private static let lastChunk: [UInt8] = [48, 13, 10, 13, 10]
    private static let contentLength = Array("content-length:".utf8)
    private static let chunked = Array("chunked".utf8)
    private let socket: Int32
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failed(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failed(description: "cannot connect to 127.0.0.1:\(port)") }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(socket)
        buffer.deallocate()
    }

    /// Sends `request` and reads its whole answer; returns the status code.
    func exchange(_ request: [UInt8]) throws -> Int {
        try request.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let count = send(socket, bytes.baseAddress! + sent, bytes.count - sent, 0)
                guard count > 0 else { throw Failed(description: "send failed") }
                sent += count
            }
        }
        var received = 0
        var headerEnd = -1
        var bodyEnd = -1
        var chunked = false
        while true {
            guard received < buffer.count else { throw Failed(description: "answer larger than the buffer") }
            let count = recv(socket, buffer.baseAddress! + received, buffer.count - received, 0)
            guard count > 0 else { throw Failed(description: "the gateway closed the connection") }
            received += count
            if headerEnd < 0, let end = find(Self.headerEnd, in: 0..<received) {
                headerEnd = end + 4
                if let length = number(after: Self.contentLength, before: headerEnd) {
                    bodyEnd = headerEnd + length
                } else {
                    chunked = find(Self.chunked, in: 0..<headerEnd) != nil
                }
            }
            guard headerEnd >= 0 else { continue }
            if bodyEnd >= 0, received >= bodyEnd { break }
            if chunked, received >= headerEnd + 5, endsWith(Self.lastChunk, at: received) { break }
        }
        return (Int(buffer[9]) - 48) * 100 + (Int(buffer[10]) - 48) * 10 + Int(buffer[11]) - 48
    }

    private func endsWith(_ suffix: [UInt8], at end: Int) -> Bool {
        for (index, byte) in suffix.enumerated() where buffer[end - suffix.count + index] != byte { return false }
        return true
    }

    private func find(_ needle: [UInt8], in range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        outer: for start in range.lowerBound...(range.upperBound - needle.count) {
            for (index, byte) in needle.enumerated() {
                let actual = buffer[start + index]
                // Header names are matched without regard to case.
                if actual != byte && !(actual >= 65 && actual <= 90 && actual + 32 == byte) { continue outer }
            }
            return start
        }
        return nil
    }

    /// The number after `name` (lower case, with its colon) in the header block.
    private func number(after name: [UInt8], before end: Int) -> Int? {
        guard let start = find(name, in: 0..<end) else { return nil }
        var index = start + name.count
        while buffer[index] == 32 { index += 1 }
        var value = 0
        while buffer[index] >= 48 && buffer[index] <= 57 {
            value = value * 10 + Int(buffer[index]) - 48
            index += 1
        }
        return value
    }
}
