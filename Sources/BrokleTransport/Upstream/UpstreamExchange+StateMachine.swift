import NIOCore
import NIOHTTP1

extension UpstreamExchange {
    /// One upstream call's state as a pure value: each event — the task starts waiting, the head,
    /// a body part, the end, a failure, the time limit or a cancellation — changes it and says what
    /// the exchange must do. Generic over the waiting task (a continuation) and the stream's source,
    /// so every transition is tested without a connection. The exchange holds it under a lock: the
    /// connection's events come on its event loop, the limit and cancellation from elsewhere.
    struct StateMachine<Waiter, Source> {
        enum State {
            case idle
            case waiting(Waiter, stream: Bool)
            /// A whole answer, its body so far.
            case gathering(Waiter, HTTPResponseHead, ByteBuffer)
            /// A stream handed over at its head, no body part yet: still under the call's time limit
            /// (a stream must start within it).
            case opening(Source)
            /// A stream that has started; its body parts go to the source.
            case streaming(Source)
            case done
        }

        enum HeadAction {
            case none
            /// Hand the stream over to the waiting task: the head, and the body from the source made.
            case handOverStream(Waiter)
        }

        enum BodyAction {
            case read
            /// Past the limit on a whole answer: fail the call and drop the connection.
            case tooLarge
            case yield(Source)
            /// A stream's first part: its time limit no longer applies.
            case yieldFirst(Source)
        }

        enum EndAction {
            case none
            case handOverWhole(Waiter, HTTPResponseHead, ByteBuffer)
            case finishStream(Source)
            /// The connection ended before any answer.
            case failClosed(Waiter)
        }

        enum FailAction {
            case none
            case fail(Waiter)
            case failStream(Source)
        }

        enum ExpireAction {
            case none
            /// The answer had not gone to the waiting task: it gets the error.
            case fail(Waiter)
            /// A stream handed over had not started: its reader gets the error.
            case failStream(Source)
        }

        let maxBodyBytes: Int
        private(set) var state = State.idle

        init(maxBodyBytes: Int) { self.maxBodyBytes = maxBodyBytes }

        /// Whether the answer has gone to the waiting task (or the call has ended).
        var handedOver: Bool {
            switch state {
            case .waiting, .gathering: false
            case .idle, .opening, .streaming, .done: true
            }
        }

        /// Whether the call's time limit still applies: no answer yet, or a stream not started.
        var isTimed: Bool {
            switch state {
            case .waiting, .gathering, .opening: true
            case .idle, .streaming, .done: false
            }
        }

        mutating func wait(_ waiter: Waiter, stream: Bool) {
            state = .waiting(waiter, stream: stream)
        }

        /// `openStream` makes the stream's source, for a call that waits for a stream.
        mutating func head(_ head: HTTPResponseHead, openStream: () -> Source) -> HeadAction {
            guard case .waiting(let waiter, let stream) = state else { return .none }
            guard stream else {
                state = .gathering(waiter, head, ByteBuffer())
                return .none
            }
            state = .opening(openStream())
            return .handOverStream(waiter)
        }

        mutating func body(_ part: ByteBuffer) -> BodyAction {
            switch state {
            case .gathering(let waiter, let head, var body):
                guard body.readableBytes + part.readableBytes <= maxBodyBytes else { return .tooLarge }
                state = .done  // (so the body below is not copied as it grows)
                var part = part
                body.writeBuffer(&part)
                state = .gathering(waiter, head, body)
                return .read
            case .opening(let source):
                state = .streaming(source)
                return .yieldFirst(source)
            case .streaming(let source):
                return .yield(source)
            case .idle, .waiting, .done:
                return .read
            }
        }

        mutating func end() -> EndAction {
            defer { state = .done }
            switch state {
            case .gathering(let waiter, let head, let body): return .handOverWhole(waiter, head, body)
            case .opening(let source), .streaming(let source): return .finishStream(source)
            case .waiting(let waiter, _): return .failClosed(waiter)
            case .idle, .done: return .none
            }
        }

        mutating func fail() -> FailAction {
            defer { state = .done }
            switch state {
            case .waiting(let waiter, _), .gathering(let waiter, _, _): return .fail(waiter)
            case .opening(let source), .streaming(let source): return .failStream(source)
            case .idle, .done: return .none
            }
        }

        /// The time limit or a cancellation: the waiting task, if the answer has not gone to it yet;
        /// the stream's reader, if its stream has not started.
        mutating func expire() -> ExpireAction {
            switch state {
            case .waiting(let waiter, _), .gathering(let waiter, _, _):
                state = .done
                return .fail(waiter)
            case .opening(let source):
                state = .done
                return .failStream(source)
            case .idle, .streaming, .done:
                return .none
            }
        }
    }
}
