import Hummingbird
import NIOCore

/// The response body writer, handed to the task that relays (the handler's task only waits for it
/// and for a hang-up meanwhile, and never writes, which is what makes the unchecked Sendable sound).
final class ClientWriter: @unchecked Sendable {
    private var writer: any ResponseBodyWriter

    init(_ writer: any ResponseBodyWriter) {
        self.writer = writer
    }

    /// A failed write means the client is gone (not that the upstream failed).
    func write(_ buffer: ByteBuffer) async throws {
        do {
            try await writer.write(buffer)
        } catch {
            throw ClientWriteFailed()
        }
    }

    func finish() async throws {
        do {
            try await writer.finish(nil)
        } catch {
            throw ClientWriteFailed()
        }
    }
}

struct ClientWriteFailed: Error {
}
