import NIOCore
import Synchronization

/// Tells a streaming response that its client hung up, without reading the connection's inbound
/// side (which would end the keep-alive connection with the response, as Hummingbird's
/// inbound-close handler does). One per client connection; a handler first in the connection's
/// pipeline reports the client's end of input or the connection closing.
///
/// The connection's handling task carries its watch in ``current``, so a handler reaches it
/// without a lookup.
package final class ConnectionWatch: Sendable {
    @TaskLocal package static var current: ConnectionWatch?

    private enum State {
        case open(onHangUp: (@Sendable () -> Void)?)
        case hungUp
    }

    private let state = Mutex(State.open(onHangUp: nil))

    /// Calls `body` once when the client hangs up, until ``clear()``; at once if it already has.
    package func onHangUp(_ body: @escaping @Sendable () -> Void) {
        let hungUp = state.withLock { state -> Bool in
            guard case .open = state else { return true }
            state = .open(onHangUp: body)
            return false
        }
        if hungUp { body() }
    }

    /// Whether the client has hung up.
    package var hasHungUp: Bool {
        state.withLock { state in
            if case .hungUp = state { return true }
            return false
        }
    }

    /// The response ended: nobody is waiting for a hang-up any more.
    package func clear() {
        state.withLock { state in
            if case .open = state { state = .open(onHangUp: nil) }
        }
    }

    /// The client closed its side (or the connection closed).
    func hangUp() {
        let waiting = state.withLock { state -> (@Sendable () -> Void)? in
            guard case .open(let body) = state else { return nil }
            state = .hungUp
            return body
        }
        waiting?()
    }
}

/// First in a client connection's pipeline: reports the end of the client's input (the server
/// allows half-closed connections, so a client that closes its socket shows up as this event) and
/// the connection going inactive.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny
    let watch: ConnectionWatch

    init(_ watch: ConnectionWatch) {
        self.watch = watch
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { watch.hangUp() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch.hangUp()
        context.fireChannelInactive()
    }
}
