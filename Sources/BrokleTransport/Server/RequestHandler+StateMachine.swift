import HTTPTypes
import NIOCore
import NIOHTTPTypes

extension RequestHandler {
    /// A client connection's state as a pure value, as SwiftNIO and AsyncHTTPClient write theirs:
    /// each event (a request part read, a response ended, the client closing its side, the server
    /// shutting down) changes it and returns what the handler must do; the handler keeps no flags
    /// of its own. One request is answered at a time, in order: a pipelined request that arrives
    /// while one is answered waits here, with reading paused until it is taken up. A request's body
    /// is kept up to one byte past the limit (so the stage that reads it can refuse it with a 413);
    /// the rest is read and dropped, so memory stays bounded whatever is sent.
    struct StateMachine {
        /// A request gathered whole, to be answered.
        struct Started: Equatable {
            var head: HTTPRequest
            var body: ByteBuffer
        }

        enum ReadAction: Equatable {
            case none
            /// A request is under way: stop reading until it has been answered.
            case pauseReads
            case start(Started)
        }

        enum CloseAction: Equatable {
            case none
            case close
        }

        enum ResponseEndedAction: Equatable {
            case close
            /// Keep the connection: start the request that waited (if one is whole now), and resume
            /// reading when nothing is waiting any more.
            case next(start: Started?, resumeReads: Bool)
        }

        let bodyLimit: Int
        private var head: HTTPRequest?
        private var body = ByteBuffer()
        /// A request has been started and its response has not ended.
        private(set) var answering = false
        private var inputClosed = false
        /// The server is shutting down: the connection closes once the current response has ended.
        private(set) var quiescing = false
        /// Parts of pipelined requests that arrived while answering.
        private var waiting = CircularBuffer<HTTPRequestPart>()
        private var readsPaused = false

        init(bodyLimit: Int) { self.bodyLimit = bodyLimit }

        mutating func read(_ part: HTTPRequestPart) -> ReadAction {
            guard !answering && waiting.isEmpty else {
                waiting.append(part)
                guard !readsPaused else { return .none }
                readsPaused = true
                return .pauseReads
            }
            return gather(part).map(ReadAction.start) ?? .none
        }

        /// The client closed its side: answered first if a request is under way, then closed (it
        /// would otherwise linger half-open).
        mutating func inputDidClose() -> CloseAction {
            inputClosed = true
            return answering ? .none : .close
        }

        /// Shutting down: an idle connection closes at once, a busy one after its response.
        mutating func quiesce() -> CloseAction {
            quiescing = true
            return answering ? .none : .close
        }

        /// The response has ended (`written` false when it could not be written whole; `close` when
        /// it said `Connection: close`). A client that closed its side has hung up as far as a
        /// stream is concerned, so its connection closes after the response, and requests still
        /// waiting are dropped.
        mutating func responseEnded(written: Bool, close: Bool, channelActive: Bool) -> ResponseEndedAction {
            answering = false
            guard written, !close, !quiescing, !inputClosed, channelActive else {
                waiting.removeAll()
                return .close
            }
            var started: Started?
            while started == nil, let part = waiting.popFirst() { started = gather(part) }
            let resume = started == nil && readsPaused
            if resume { readsPaused = false }
            return .next(start: started, resumeReads: resume)
        }

        /// Adds `part` to the request being read; the request once it is whole.
        private mutating func gather(_ part: HTTPRequestPart) -> Started? {
            switch part {
            case .head(let head):
                self.head = head
                body.clear()
                return nil
            case .body(var part):
                let room = bodyLimit + 1 - body.readableBytes
                guard room > 0 else { return nil }
                if part.readableBytes > room, let kept = part.getSlice(at: part.readerIndex, length: room) { part = kept }
                body.writeBuffer(&part)
                return nil
            case .end:
                guard let head else { return nil }
                self.head = nil
                answering = true
                defer { body = ByteBuffer() }
                return Started(head: head, body: body)
            }
        }
    }
}
