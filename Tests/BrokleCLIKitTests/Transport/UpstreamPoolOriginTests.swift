@testable import BrokleTransport
import Testing

/// One origin's connections on one event loop, every transition without sockets: at most `cap`
/// open, the rest of the calls waiting in order, a waiter whose call ended passed over.
@Suite struct UpstreamPoolOriginTests {
    final class Connection {
        let name: String
        init(_ name: String) { self.name = name }
    }
    typealias Origin = UpstreamLoopPool.Origin<Connection, Int>

    static func usable(_ connection: Connection) -> Bool { true }
    static func allLive(_ waiter: Int) -> Bool { true }

    @Test func callsOpenConnectionsUpToTheCapThenWait() {
        var origin = Origin(cap: 2, maxIdle: 10)
        guard case .connect = origin.acquire(1, usable: Self.usable, live: Self.allLive),
            case .connect = origin.acquire(2, usable: Self.usable, live: Self.allLive),
            case .wait = origin.acquire(3, usable: Self.usable, live: Self.allLive)
        else { Issue.record("two connect, the third waits"); return }
        #expect(origin.open == 2 && Array(origin.waiters) == [3])
    }

    @Test func aReleasedConnectionGoesToTheFirstLiveWaiterElseIdle() {
        var origin = Origin(cap: 1, maxIdle: 10)
        _ = origin.acquire(1, usable: Self.usable, live: Self.allLive)
        _ = origin.acquire(2, usable: Self.usable, live: Self.allLive)
        _ = origin.acquire(3, usable: Self.usable, live: Self.allLive)
        let a = Connection("a")
        // Waiter 2's call has ended (timed out): 3 gets the connection.
        guard case .handOver(let connection, let waiter) = origin.release(a, live: { $0 != 2 }) else {
            Issue.record("handed over"); return
        }
        #expect(connection === a && waiter == 3 && origin.waiters.isEmpty)
        guard case .keepIdle = origin.release(a, live: Self.allLive) else { Issue.record("no one waits: idle"); return }
        guard case .use(let reused) = origin.acquire(4, usable: Self.usable, live: Self.allLive) else { Issue.record("reused"); return }
        #expect(reused === a && origin.open == 1)
    }

    @Test func pastMaxIdleAReleasedConnectionCloses() {
        var origin = Origin(cap: 5, maxIdle: 1)
        _ = origin.release(Connection("a"), live: Self.allLive)
        guard case .close = origin.release(Connection("b"), live: Self.allLive) else { Issue.record("closed past maxIdle"); return }
    }

    @Test func aClosedConnectionsPlaceGoesToTheNextLiveWaiter() {
        var origin = Origin(cap: 1, maxIdle: 10)
        _ = origin.acquire(1, usable: Self.usable, live: Self.allLive)
        _ = origin.acquire(2, usable: Self.usable, live: Self.allLive)
        _ = origin.acquire(3, usable: Self.usable, live: Self.allLive)
        #expect(origin.closed(Connection("a"), live: { $0 != 2 }) == 3, "2 ended; 3 opens one in its place")
        #expect(origin.open == 1)
        #expect(origin.closed(nil, live: Self.allLive) == nil, "a failed connect with nobody waiting frees the place")
        #expect(origin.open == 0)
    }

    @Test func anIdleConnectionThatIsNotUsableIsPassedOver() {
        var origin = Origin(cap: 2, maxIdle: 10)
        _ = origin.acquire(1, usable: Self.usable, live: Self.allLive)
        let dead = Connection("dead")
        _ = origin.release(dead, live: Self.allLive)
        // Not usable: a new one is opened; the dead one is counted out when its close is reported.
        guard case .connect = origin.acquire(2, usable: { $0 !== dead }, live: Self.allLive) else { Issue.record("connect"); return }
        #expect(origin.open == 2)
        #expect(origin.closed(dead, live: Self.allLive) == nil && origin.open == 1)
    }

    @Test func staleIdleConnectionsAreTakenOldestFirst() {
        var origin = Origin(cap: 5, maxIdle: 10)
        let (a, b, c) = (Connection("a"), Connection("b"), Connection("c"))
        for connection in [a, b, c] { _ = origin.release(connection, live: Self.allLive) }
        let taken = origin.takeIdle { $0 !== c }
        #expect(taken.map(\.name) == ["a", "b"] && origin.idle.map(\.name) == ["c"])
    }
}
