@testable import BrokleTransport
import NIOCore
import NIOHTTP1
import Testing

/// Every transition of one upstream call's state, without a connection: waiters are numbers and
/// stream sources names.
@Suite struct UpstreamExchangeStateMachineTests {
    typealias Machine = UpstreamExchange.StateMachine<Int, String>

    static let ok = HTTPResponseHead(version: .http1_1, status: .ok)

    @Test func aWholeAnswerIsGatheredAndHandedOverAtItsEnd() {
        var machine = Machine(maxBodyBytes: 10)
        machine.wait(1, stream: false)
        guard
            case .none = machine.head(
                Self.ok,
                openStream: {
                    Issue.record("no stream for a whole answer"); return ""
                })
        else {
            Issue.record("a whole answer is not handed over at its head"); return
        }
        #expect(!machine.handedOver)
        guard case .read = machine.body(ByteBuffer(string: "hello ")), case .read = machine.body(ByteBuffer(string: "you")) else {
            Issue.record("parts within the limit are read"); return
        }
        guard case .handOverWhole(let waiter, let head, let body) = machine.end() else { Issue.record("handed over at the end"); return }
        #expect(waiter == 1 && head.status == .ok && body == ByteBuffer(string: "hello you"))
        #expect(machine.handedOver)
    }

    @Test func aWholeAnswerPastTheLimitIsRefused() {
        var machine = Machine(maxBodyBytes: 4)
        machine.wait(1, stream: false)
        _ = machine.head(Self.ok) { "" }
        guard case .read = machine.body(ByteBuffer(string: "abcd")) else { Issue.record("4 bytes fit"); return }
        guard case .tooLarge = machine.body(ByteBuffer(string: "e")) else { Issue.record("the 5th does not"); return }
        guard case .fail(let waiter) = machine.fail() else { Issue.record("the waiter gets the failure"); return }
        #expect(waiter == 1)
    }

    @Test func aStreamIsHandedOverAtItsHeadAndItsPartsGoToTheSource() {
        var machine = Machine(maxBodyBytes: 4)
        machine.wait(7, stream: true)
        guard case .handOverStream(let waiter) = machine.head(Self.ok, openStream: { "source" }) else {
            Issue.record("a stream is handed over at its head"); return
        }
        #expect(waiter == 7 && machine.handedOver)
        // Until its first part the stream is still under the call's time limit.
        #expect(machine.isTimed)
        // No limit on a stream's length: every part goes to the reader; the first ends the time limit.
        guard case .yieldFirst(let source) = machine.body(ByteBuffer(string: "more than four bytes")) else {
            Issue.record("the first part yielded"); return
        }
        #expect(source == "source" && !machine.isTimed)
        guard case .yield("source") = machine.body(ByteBuffer(string: "next")) else { Issue.record("later parts yielded"); return }
        // Expiry no longer applies: the stream has started.
        guard case .none = machine.expire() else { Issue.record("no expiry once started"); return }
        guard case .finishStream("source") = machine.end() else { Issue.record("the stream finishes at the end"); return }
    }

    @Test func aFailureReachesWhoeverHasTheCall() {
        var waiting = Machine(maxBodyBytes: 4)
        waiting.wait(1, stream: true)
        guard case .fail(1) = waiting.fail() else { Issue.record("the waiter"); return }

        var streaming = Machine(maxBodyBytes: 4)
        streaming.wait(2, stream: true)
        _ = streaming.head(Self.ok) { "s" }
        guard case .failStream("s") = streaming.fail() else { Issue.record("the stream's reader"); return }

        var ended = Machine(maxBodyBytes: 4)
        ended.wait(3, stream: false)
        _ = ended.head(Self.ok) { "" }
        _ = ended.end()
        guard case .none = ended.fail() else { Issue.record("nothing after the end"); return }
    }

    @Test func theTimeLimitOrACancellationEndsTheCallUntilItsAnswerOrItsStreamsFirstBytes() {
        var beforeHead = Machine(maxBodyBytes: 4)
        beforeHead.wait(1, stream: false)
        guard case .fail(1) = beforeHead.expire() else { Issue.record("the waiter before the head"); return }
        // Whatever the connection still delivers is ignored.
        guard case .none = beforeHead.head(Self.ok, openStream: { "" }), case .none = beforeHead.end() else {
            Issue.record("nothing after expiry"); return
        }

        var gathering = Machine(maxBodyBytes: 4)
        gathering.wait(2, stream: false)
        _ = gathering.head(Self.ok) { "" }
        guard case .fail(2) = gathering.expire(), case .none = gathering.expire() else { Issue.record("the waiter, once"); return }

        // A stream handed over whose first bytes have not come: its reader gets the expiry.
        var opening = Machine(maxBodyBytes: 4)
        opening.wait(3, stream: true)
        _ = opening.head(Self.ok) { "s" }
        guard case .failStream("s") = opening.expire() else { Issue.record("the stream's reader before its first bytes"); return }
        guard case .read = opening.body(ByteBuffer(string: "late")), case .none = opening.end() else {
            Issue.record("nothing after expiry"); return
        }
    }

    @Test func aConnectionEndingBeforeAnyAnswerFailsTheWaiter() {
        var machine = Machine(maxBodyBytes: 4)
        machine.wait(5, stream: false)
        guard case .failClosed(5) = machine.end() else { Issue.record("closed before the head"); return }
    }
}
