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

    private enum State {
        case idle
        case waiting(CheckedContinuation<UpstreamHTTPResponse, any Error>, stream: Bool)
        /// A whole answer, its body so far.
        case gathering(CheckedContinuation<UpstreamHTTPResponse, any Error>, HTTPResponseHead, ByteBuffer)
        /// A stream handed over; its body parts go to `source`.
        case streaming(Body.Source)
        case done
    }

    private let state = Mutex(State.idle)
    /// Where its time limit is kept until the answer is handed over.
    private let timer = Mutex<(timeouts: NIOLoopBound<UpstreamTimeouts>, step: Int64)?>(nil)
    let demand = Demand()

    /// Waits for the answer (`stream`: for its head); `start` sends the request.
    func response(stream: Bool, start: () -> Void) async throws -> UpstreamHTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0 = .waiting(continuation, stream: stream) }
            start()
        }
    }

    /// The time limit on what is not handed over yet (`provider` timing out), kept by `timeouts`
    /// (on their loop) and dropped once the answer is handed over.
    func limit(by timeouts: UpstreamTimeouts, seconds: Double, provider: String) {
        guard !handedOver else { return }
        let step = timeouts.add(self, seconds: seconds, provider: provider)
        timer.withLock { $0 = (NIOLoopBound(timeouts, eventLoop: timeouts.loop), step) }
        // Cancelled from another thread meanwhile: the limit is dropped here instead.
        if handedOver { stopTimer() }
    }

    private var handedOver: Bool {
        state.withLock { state in
            switch state {
            case .waiting, .gathering: false
            default: true
            }
        }
    }

    // MARK: From the connection, on its loop

    func head(_ head: HTTPResponseHead) {
        let handOver = state.withLock { state -> (CheckedContinuation<UpstreamHTTPResponse, any Error>, Body)? in
            guard case .waiting(let continuation, let stream) = state else { return nil }
            guard stream else {
                state = .gathering(continuation, head, ByteBuffer())
                return nil
            }
            let body = Body.makeSequence(
                backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), finishOnDeinit: false, delegate: demand)
            state = .streaming(body.source)
            return (continuation, body.sequence)
        }
        guard let (continuation, sequence) = handOver else { return }
        stopTimer()
        continuation.resume(
            returning: UpstreamHTTPResponse(status: head.status, headers: head.headers, body: .init(storage: .stream(sequence))))
    }

    /// A body part; false when the reader has enough for now (the connection stops reading until
    /// ``Demand/produceMore()``).
    func body(_ buffer: ByteBuffer) -> Bool {
        enum Next { case read, tooLarge, yield(Body.Source) }
        let next = state.withLock { state -> Next in
            switch state {
            case .gathering(let continuation, let head, var body):
                guard body.readableBytes + buffer.readableBytes <= UpstreamCall.maxResponseBytes else { return .tooLarge }
                state = .done  // (so the body below is not copied as it grows)
                var part = buffer
                body.writeBuffer(&part)
                state = .gathering(continuation, head, body)
                return .read
            case .streaming(let source): return .yield(source)
            default: return .read
            }
        }
        switch next {
        case .read:
            return true
        case .tooLarge:
            fail(NIOTooManyBytesError(maxBytes: UpstreamCall.maxResponseBytes))
            demand.abandon()
            return true
        case .yield(let source):
            switch source.yield(buffer) {
            case .produceMore, .dropped: return true
            case .stopProducing: return false
            }
        }
    }

    /// The response ended; the connection may now carry other requests, so nothing done through
    /// this exchange (a reader going away, a timer) touches it any more.
    func end() {
        let finished = state.withLock { state -> State in
            defer { state = .done }
            return state
        }
        stopTimer()
        demand.detach()
        switch finished {
        case .gathering(let continuation, let head, let body):
            continuation.resume(
                returning: UpstreamHTTPResponse(status: head.status, headers: head.headers, body: .init(storage: .whole(body))))
        case .streaming(let source): source.finish()
        case .waiting(let continuation, _): continuation.resume(throwing: UpstreamConnectionClosed())
        case .idle, .done: break
        }
    }

    /// Ends the call with `error`: the waiting task gets it, or the stream's reader does.
    func fail(_ error: any Error) {
        let failed = state.withLock { state -> State in
            defer { state = .done }
            return state
        }
        stopTimer()
        switch failed {
        case .waiting(let continuation, _), .gathering(let continuation, _, _): continuation.resume(throwing: error)
        case .streaming(let source): source.finish(error)
        case .idle, .done: break
        }
    }

    // MARK: From the waiting task or the timer

    /// Ends the call with `error` if its answer has not been handed over yet (a whole answer's
    /// time limit, a stream's limit for its head) and drops the connection; true when it did.
    @discardableResult
    func expire(_ error: any Error) -> Bool {
        let expired = state.withLock { state -> CheckedContinuation<UpstreamHTTPResponse, any Error>? in
            switch state {
            case .waiting(let continuation, _), .gathering(let continuation, _, _):
                state = .done
                return continuation
            default: return nil
            }
        }
        guard let expired else { return false }
        stopTimer()
        expired.resume(throwing: error)
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
