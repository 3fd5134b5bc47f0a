import NIOCore
import NIOHTTP1
import Synchronization

/// One upstream request's answer as it arrives on its connection's event loop, handed to the task
/// that waits for it.
///
/// A whole answer is gathered here, up to ``UpstreamCall/maxResponseBytes``, and handed over once.
/// A stream is handed over at its head, its body as an async sequence that reads from the upstream
/// only as fast as the relay consumes it (a slow client slows its upstream, memory stays bounded);
/// when the relay stops consuming, the connection is closed.
final class UpstreamExchange: Sendable {
    typealias Body = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, Demand
    >

    typealias Waiter = CheckedContinuation<UpstreamHTTPResponse, any Error>

    private let state = Mutex(StateMachine<Waiter, Body.Source>(maxBodyBytes: UpstreamCall.maxResponseBytes))
    /// Where its time limit is kept until the answer is handed over.
    private let timer = Mutex<(timeouts: NIOLoopBound<UpstreamTimeouts>, step: Int64)?>(nil)
    let demand = Demand()

    /// Waits for the answer (`stream`: for its head); `start` sends the request.
    func response(stream: Bool, start: () -> Void) async throws -> UpstreamHTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.wait(continuation, stream: stream) }
            start()
        }
    }

    /// The call's time limit (`provider` timing out), kept by `timeouts` (on their loop): on a whole
    /// answer until it has all arrived, on a stream until its first body part — one limit for the
    /// call, whatever its kind.
    func limit(by timeouts: UpstreamTimeouts, seconds: Double, provider: String) {
        guard isTimed else { return }
        let step = timeouts.add(self, seconds: seconds, provider: provider)
        timer.withLock { $0 = (NIOLoopBound(timeouts, eventLoop: timeouts.loop), step) }
        // Cancelled from another thread meanwhile: the limit is dropped here instead.
        if !isTimed { stopTimer() }
    }

    private var handedOver: Bool { state.withLock { $0.handedOver } }
    private var isTimed: Bool { state.withLock { $0.isTimed } }

    /// The call still waits for its answer (not handed over, not failed, not expired).
    var isWaiting: Bool { !handedOver }

    // MARK: From the connection, on its loop

    func head(_ head: HTTPResponseHead) {
        var sequence: Body?
        let action = state.withLock { state in
            state.head(head) {
                let made = Body.makeSequence(
                    backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), finishOnDeinit: false, delegate: demand)
                sequence = made.sequence
                return made.source
            }
        }
        guard case .handOverStream(let waiter) = action, let sequence else { return }
        waiter.resume(returning: UpstreamHTTPResponse(status: head.status, headers: head.headers, body: .init(storage: .stream(sequence))))
    }

    /// A body part; false when the reader has enough for now (the connection stops reading until
    /// ``Demand/produceMore()``).
    func body(_ buffer: ByteBuffer) -> Bool {
        switch state.withLock({ $0.body(buffer) }) {
        case .read:
            return true
        case .tooLarge:
            fail(NIOTooManyBytesError(maxBytes: UpstreamCall.maxResponseBytes))
            demand.abandon()
            return true
        case .yieldFirst(let source):
            stopTimer()
            return Self.yield(buffer, to: source)
        case .yield(let source):
            return Self.yield(buffer, to: source)
        }
    }

    private static func yield(_ buffer: ByteBuffer, to source: Body.Source) -> Bool {
        switch source.yield(buffer) {
        case .produceMore, .dropped: return true
        case .stopProducing: return false
        }
    }

    /// The response ended; the connection may now carry other requests, so nothing done through
    /// this exchange (a reader going away, a timer) touches it any more.
    func end() {
        let action = state.withLock { $0.end() }
        stopTimer()
        demand.detach()
        switch action {
        case .handOverWhole(let waiter, let head, let body):
            waiter.resume(returning: UpstreamHTTPResponse(status: head.status, headers: head.headers, body: .init(storage: .whole(body))))
        case .finishStream(let source): source.finish()
        case .failClosed(let waiter): waiter.resume(throwing: UpstreamConnectionClosed())
        case .none: break
        }
    }

    /// Ends the call with `error`: the waiting task gets it, or the stream's reader does.
    func fail(_ error: any Error) {
        let action = state.withLock { $0.fail() }
        stopTimer()
        switch action {
        case .fail(let waiter): waiter.resume(throwing: error)
        case .failStream(let source): source.finish(error)
        case .none: break
        }
    }

    // MARK: From the waiting task or the timer

    /// Ends the call with `error` if its answer has not been handed over yet, or its stream has not
    /// started (the time limit), and drops the connection; true when it did.
    @discardableResult
    func expire(_ error: any Error) -> Bool {
        switch state.withLock({ $0.expire() }) {
        case .none:
            return false
        case .fail(let waiter):
            stopTimer()
            waiter.resume(throwing: error)
        case .failStream(let source):
            stopTimer()
            source.finish(error)
        }
        demand.abandon()
        return true
    }

    /// The waiting task was cancelled.
    func cancel() {
        expire(CancellationError())
    }

    private func stopTimer() {
        guard
            let (timeouts, step) = timer.withLock({ timer in
                defer { timer = nil }
                return timer
            })
        else { return }
        if timeouts.eventLoop.inEventLoop {
            timeouts.value.remove(self, from: step)
        } else {
            timeouts.eventLoop.execute { timeouts.value.remove(self, from: step) }
        }
    }

    /// The reader's side of a stream, and the way to the connection: resumes reading when the
    /// reader wants more, closes the connection when it stops reading altogether (or the call is
    /// abandoned before it was sent).
    final class Demand: NIOAsyncSequenceProducerDelegate {
        private struct Link {
            var connection: NIOLoopBound<UpstreamConnection>?
            var abandoned = false
        }

        private let link = Mutex(Link())
        /// Names the exchange this is for: a connection closes only for the exchange it is carrying.
        var exchange: ObjectIdentifier { ObjectIdentifier(self) }

        /// The connection carrying the request; closed at once if the call was already abandoned.
        func attach(_ connection: NIOLoopBound<UpstreamConnection>) {
            let abandoned = link.withLock { link in
                link.connection = connection
                return link.abandoned
            }
            if abandoned { Self.onLoop(connection) { [exchange] in $0.abandon(exchange) } }
        }

        /// The response ended: the connection is no longer this exchange's.
        func detach() {
            link.withLock { $0.connection = nil }
        }

        func produceMore() {
            guard let connection = link.withLock({ $0.connection }) else { return }
            Self.onLoop(connection) { [exchange] in $0.resumeReading(exchange) }
        }

        func didTerminate() {
            abandon()
        }

        /// The answer is not wanted (any more): the connection is closed, not reused.
        func abandon() {
            let connection = link.withLock { link in
                link.abandoned = true
                return link.connection
            }
            guard let connection else { return }
            Self.onLoop(connection) { [exchange] in $0.abandon(exchange) }
        }

        private static func onLoop(_ connection: NIOLoopBound<UpstreamConnection>, _ body: @escaping @Sendable (UpstreamConnection) -> Void)
        {
            let loop = connection.eventLoop
            if loop.inEventLoop {
                body(connection.value)
            } else {
                loop.execute { body(connection.value) }
            }
        }
    }
}

/// The upstream closed the connection before its answer ended.
struct UpstreamConnectionClosed: Error {
}
