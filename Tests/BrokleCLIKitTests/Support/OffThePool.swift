import Foundation

/// Runs blocking work (waiting for a child process, reading a blocking socket) on a thread of its
/// own and awaits its result. Blocking inside an async test would hold one of Swift concurrency's
/// cooperative threads, and a 2-core machine has only two: with both held, an in-process gateway
/// that the blocked test is waiting for cannot answer until a timeout fires.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

extension FileHandle {
    /// Reads one line (without its newline) a byte at a time, so nothing after it is consumed;
    /// blocks until it arrives or the other end closes.
    func readLine() throws -> Data {
        var line = Data()
        while let byte = try read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        return line
    }
}

extension Process {
    /// At most two child processes run to completion at once (the machine has two cores). Swift
    /// Testing starts every test at once; without a cap, dozens of processes would start together
    /// and starve the in-process gateways that timing-sensitive tests are talking to.
    private static let slots = DispatchSemaphore(value: 2)

    /// Runs `work` (which starts a child process and waits for it) in one of the slots; blocking.
    static func inSlot<T>(_ work: () throws -> T) rethrows -> T {
        slots.wait()
        defer { slots.signal() }
        return try work()
    }

    /// Waits for the process to exit, off the cooperative pool; returns its status.
    func waitForExit() async throws -> Int32 {
        try await offThePool {
            self.waitUntilExit()
            return self.terminationStatus
        }
    }
}
