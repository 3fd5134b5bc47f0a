@testable import BrokleProviders
import NIOCore
import Testing

@Suite struct SSEParserTests {
    @Test func eventsSplitAcrossChunksAndSeveralPerChunk() throws {
        var parser = SSEParser()
        #expect(try parser.feed(ByteBuffer(string: "data: {\"a\":")).isEmpty)
        #expect(try parser.feed(ByteBuffer(string: "1}\n")).isEmpty)
        #expect(try parser.feed(ByteBuffer(string: "\ndata: two\n\ndata: [DONE]\n\n")) == [#"{"a":1}"#, "two", "[DONE]"])
    }

    @Test func crlfCommentsAndMultiLineData() throws {
        var parser = SSEParser()
        #expect(try parser.feed(ByteBuffer(string: ": keep-alive\r\n\r\nevent: x\r\ndata: a\r\ndata: b\r")) == [])
        #expect(try parser.feed(ByteBuffer(string: "\n\r\n")) == ["a\nb"])
    }

    @Test func finishFlushesAnUnterminatedEvent() throws {
        var parser = SSEParser()
        #expect(try parser.feed(ByteBuffer(string: "data: last")).isEmpty)
        #expect(try parser.finish() == ["last"])
    }

    @Test func anEndlessLineIsReportedOnceItPassesTheCapAndNothingAfterIsParsed() throws {
        #expect(SSEParser.maxEventBytes == 1 << 20)
        var parser = SSEParser()
        #expect(try parser.feed(ByteBuffer(string: "data: ok\n\ndata: ")) == ["ok"])
        let piece = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        var fed = 0
        #expect(throws: SSEParser.EventTooLarge(limit: 1 << 20)) {
            while fed < 4 << 20 {
                _ = try parser.feed(piece)
                fed += piece.readableBytes
            }
        }
        #expect(fed < (1 << 20) + piece.readableBytes, "stopped within one chunk of the cap")
        #expect(throws: SSEParser.EventTooLarge.self) { try parser.feed(ByteBuffer(string: "\n\ndata: later\n\n")) }
    }

    @Test func anEventWhoseLinesAddUpPastTheCapIsReportedAfterTheEventsBeforeIt() {
        // Every line is within 12 bytes; the second event's data is 5 + 1 + 4 + 1 + 3 = 14.
        var parser = SSEParser(maxEventBytes: 12)
        var events: [String] = []
        #expect(throws: SSEParser.EventTooLarge(limit: 12)) {
            try parser.feed(Array("data: first\n\ndata: 12345\ndata: 6789\ndata: 012\n\n".utf8), into: &events)
        }
        #expect(events == ["first"])
    }

    @Test func aRelayGetsTheEventsBeforeAnOverflowAndThenTheUpstreamError() {
        var parser = SSEParser(maxEventBytes: 8)
        let (events, failure) = parser.events(in: ByteBuffer(string: "data: a\n\n: a comment far too long\n"))
        #expect(events == ["a"])
        #expect(failure?.code == "upstream_bad_response" && failure?.status == 502)
        #expect(parser.events(in: nil).failure != nil)
    }

    @Test func writerFormat() {
        #expect(String(buffer: SSEWriter.event("x")) == "data: x\n\n")
    }
}
