import NIOCore

extension UpstreamLoopPool {
    /// The connections of one event loop to one origin, as a pure value: how many are open
    /// (connecting, busy or idle), the idle ones, and the calls waiting for one. At most `cap` are
    /// open; a call that finds none idle and the cap reached waits, in order, for one to be released
    /// or closed — bounded by its own time limit (a waiter whose call has ended is passed over).
    /// Generic over the connection and the waiter so every transition is tested without sockets.
    struct Origin<Connection: AnyObject, Waiter> {
        enum AcquireAction {
            case use(Connection)
            /// Open a new connection for this call.
            case connect
            case wait
        }

        enum ReleaseAction {
            case handOver(Connection, to: Waiter)
            case keepIdle
            case close(Connection)
        }

        let cap: Int
        let maxIdle: Int
        private(set) var open = 0
        private(set) var idle: [Connection] = []
        private(set) var waiters = CircularBuffer<Waiter>()

        init(cap: Int, maxIdle: Int) {
            self.cap = max(1, cap)
            self.maxIdle = maxIdle
        }

        /// A call wants a connection: an idle one (most recently used first) that is still usable,
        /// else a new one within the cap, else it waits.
        mutating func acquire(_ waiter: Waiter, usable: (Connection) -> Bool, live: (Waiter) -> Bool) -> AcquireAction {
            while let connection = idle.popLast() {
                // One that is not usable any more is counted out when its close is reported.
                if usable(connection) { return .use(connection) }
            }
            guard open < cap else {
                while let first = waiters.first, !live(first) { waiters.removeFirst() }
                waiters.append(waiter)
                return .wait
            }
            open += 1
            return .connect
        }

        /// A connection's response ended and the upstream keeps it alive: the next live waiter gets
        /// it, else it waits idle (up to `maxIdle`, past which it closes).
        mutating func release(_ connection: Connection, live: (Waiter) -> Bool) -> ReleaseAction {
            while let waiter = waiters.popFirst() {
                if live(waiter) { return .handOver(connection, to: waiter) }
            }
            guard idle.count < maxIdle else { return .close(connection) }
            idle.append(connection)
            return .keepIdle
        }

        /// A connection closed (or could not be opened): it no longer counts, and the next live
        /// waiter may open one in its place.
        mutating func closed(_ connection: Connection?, live: (Waiter) -> Bool) -> Waiter? {
            if let connection { idle.removeAll { $0 === connection } }
            open -= 1
            while let waiter = waiters.popFirst() {
                if live(waiter) {
                    open += 1
                    return waiter
                }
            }
            return nil
        }

        /// The idle connections that `stale` says are to close (oldest first), taken out of the
        /// idle list; they are counted out when their close is reported.
        mutating func takeIdle(where stale: (Connection) -> Bool) -> [Connection] {
            let taken = idle.prefix { stale($0) }
            idle.removeFirst(taken.count)
            return Array(taken)
        }
    }
}
