@testable import BrokleTransport
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Testing

/// Every transition of a client connection's state, without a channel: what the handler is told
/// to do for each event.
@Suite struct RequestHandlerStateMachineTests {
    typealias Machine = RequestHandler.StateMachine

    static func head(_ path: String) -> HTTPRequestPart {
        .head(HTTPRequest(method: .post, scheme: nil, authority: nil, path: path))
    }

    static func started(_ path: String, _ body: String = "") -> Machine.Started {
        Machine.Started(head: HTTPRequest(method: .post, scheme: nil, authority: nil, path: path), body: ByteBuffer(string: body))
    }

    /// Reads a whole request; the action of its end.
    static func request(_ machine: inout Machine, _ path: String, body: String = "") -> Machine.ReadAction {
        #expect(machine.read(head(path)) == .none)
        if !body.isEmpty { #expect(machine.read(.body(ByteBuffer(string: body))) == .none) }
        return machine.read(.end(nil))
    }

    @Test func aWholeRequestStartsAndTheNextOneAfterItsResponse() {
        var machine = Machine(bodyLimit: 100)
        #expect(Self.request(&machine, "/a", body: "hello") == .start(Self.started("/a", "hello")))
        #expect(machine.answering)
        #expect(machine.responseEnded(written: true, close: false, channelActive: true) == .next(start: nil, resumeReads: false))
        #expect(!machine.answering)
        #expect(Self.request(&machine, "/b") == .start(Self.started("/b")))
    }

    @Test func pipelinedRequestsWaitWithReadsPausedAndAreTakenUpInOrder() {
        var machine = Machine(bodyLimit: 100)
        #expect(Self.request(&machine, "/a") == .start(Self.started("/a")))
        // Two more arrive while /a is answered: reading pauses once.
        #expect(machine.read(Self.head("/b")) == .pauseReads)
        #expect(machine.read(.end(nil)) == .none)
        #expect(machine.read(Self.head("/c")) == .none)
        #expect(machine.read(.body(ByteBuffer(string: "c-body"))) == .none)
        #expect(machine.read(.end(nil)) == .none)
        // /b starts; /c still waits, so reads stay paused.
        #expect(
            machine.responseEnded(written: true, close: false, channelActive: true) == .next(start: Self.started("/b"), resumeReads: false))
        #expect(
            machine.responseEnded(written: true, close: false, channelActive: true)
                == .next(start: Self.started("/c", "c-body"), resumeReads: false))
        // Nothing waits any more: reading resumes.
        #expect(machine.responseEnded(written: true, close: false, channelActive: true) == .next(start: nil, resumeReads: true))
        #expect(Self.request(&machine, "/d") == .start(Self.started("/d")))
    }

    @Test func aPartlyArrivedPipelinedRequestResumesReadsToGetTheRest() {
        var machine = Machine(bodyLimit: 100)
        _ = Self.request(&machine, "/a")
        #expect(machine.read(Self.head("/b")) == .pauseReads)
        // Its end has not arrived: nothing to start, and reading must resume to get it.
        #expect(machine.responseEnded(written: true, close: false, channelActive: true) == .next(start: nil, resumeReads: true))
        #expect(machine.read(.end(nil)) == .start(Self.started("/b")))
    }

    @Test func theBodyIsKeptToOneBytePastTheLimitAndTheRestDropped() {
        var machine = Machine(bodyLimit: 4)
        #expect(machine.read(Self.head("/big")) == .none)
        #expect(machine.read(.body(ByteBuffer(string: "abc"))) == .none)
        #expect(machine.read(.body(ByteBuffer(string: "defgh"))) == .none)
        #expect(machine.read(.body(ByteBuffer(string: "ijk"))) == .none)
        #expect(machine.read(.end(nil)) == .start(Self.started("/big", "abcde")))
    }

    @Test func aClientClosingItsSideIsAnsweredThenClosed() {
        var idle = Machine(bodyLimit: 10)
        #expect(idle.inputDidClose() == .close)

        var busy = Machine(bodyLimit: 10)
        _ = Self.request(&busy, "/a")
        #expect(busy.inputDidClose() == .none)
        #expect(busy.responseEnded(written: true, close: false, channelActive: true) == .close)
    }

    @Test func shutdownClosesAnIdleConnectionAtOnceAndABusyOneAfterItsResponse() {
        var idle = Machine(bodyLimit: 10)
        #expect(idle.quiesce() == .close)

        var busy = Machine(bodyLimit: 10)
        _ = Self.request(&busy, "/a")
        #expect(busy.read(Self.head("/b")) == .pauseReads)
        #expect(busy.quiesce() == .none)
        #expect(busy.quiescing)
        // The waiting request is dropped with the connection.
        #expect(busy.responseEnded(written: true, close: false, channelActive: true) == .close)
    }

    @Test(arguments: [(false, false, true), (true, true, true), (true, false, false)])
    func aResponseNotWrittenWholeOrClosingOrOnADeadChannelClosesTheConnection(written: Bool, close: Bool, active: Bool) {
        var machine = Machine(bodyLimit: 10)
        _ = Self.request(&machine, "/a")
        #expect(machine.responseEnded(written: written, close: close, channelActive: active) == .close)
    }

    @Test func anEndWithoutAHeadStartsNothing() {
        var machine = Machine(bodyLimit: 10)
        #expect(machine.read(.end(nil)) == .none)
        #expect(!machine.answering)
    }
}
