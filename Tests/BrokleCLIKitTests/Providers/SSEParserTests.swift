import NIOCore
import Testing
@testable import BrokleCLIKit

@Suite struct SSEParserTests {
    @Test func eventsSplitAcrossChunksAndSeveralPerChunk() {
        var parser = SSEParser()
        #expect(parser.feed(ByteBuffer(string: "data: {\"a\":")).isEmpty)
        #expect(parser.feed(ByteBuffer(string: "1}\n")).isEmpty)
        #expect(parser.feed(ByteBuffer(string: "\ndata: two\n\ndata: [DONE]\n\n")) == [#"{"a":1}"#, "two", "[DONE]"])
    }

    @Test func crlfCommentsAndMultiLineData() {
        var parser = SSEParser()
        #expect(parser.feed(ByteBuffer(string: ": keep-alive\r\n\r\nevent: x\r\ndata: a\r\ndata: b\r")) == [])
        #expect(parser.feed(ByteBuffer(string: "\n\r\n")) == ["a\nb"])
    }

    @Test func finishFlushesAnUnterminatedEvent() {
        var parser = SSEParser()
        #expect(parser.feed(ByteBuffer(string: "data: last")).isEmpty)
        #expect(parser.finish() == ["last"])
    }

    @Test func writerFormat() {
        #expect(String(buffer: SSEWriter.event("x")) == "data: x\n\n")
    }
}
