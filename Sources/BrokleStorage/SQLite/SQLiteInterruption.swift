import Synchronization

/// Set when the caller of a trace batch gave up on it (its time limit passed): the batch stops
/// before its next statement, a wait for the write lock ends, and what it wrote is rolled back.
final class SQLiteInterruption: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
