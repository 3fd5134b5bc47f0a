@testable import BrokleProviders
import PropertyBased
import Testing

/// Seeded property checks of the SSE parser, which reads every upstream stream.
@Suite struct SSEParserPropertyTests {
    /// A stream as its lines (each event's lines, then a blank line), with one line ending.
    struct Transcript: Sendable, CustomTestStringConvertible {
        var events: [[String]]
        var ending: String
        var limit: Int
        var bytes: [UInt8] { Array(events.map { $0.map { $0 + ending }.joined() + ending }.joined().utf8) }
        var testDescription: String { "limit \(limit), ending \(ending.debugDescription), events \(events)" }

        /// What the parser must produce, worked out line by line apart from it: the events before
        /// the first line or event data longer than the limit, and whether there was one.
        var expected: (events: [String], overflow: Bool) {
            var out: [String] = []
            for lines in events {
                var data: [String] = []
                for line in lines {
                    if line.utf8.count > limit { return (out, true) }
                    guard line.hasPrefix("data:") else { continue }
                    var value = line.dropFirst(5)
                    if value.first == " " { value = value.dropFirst() }
                    data.append(String(value))
                    if data.joined(separator: "\n").utf8.count > limit { return (out, true) }
                }
                if !data.isEmpty { out.append(data.joined(separator: "\n")) }
            }
            return (out, false)
        }
    }

    static func transcript(_ fuzz: inout Fuzz, limit: Int) -> Transcript {
        let text = ["a", " ", "{\"x\":1}", ":", "data: ", "é", "😀", "[DONE]", String(repeating: "y", count: 40)]
        let events = (0..<fuzz.int(0...8)).map { _ in
            (0..<fuzz.int(1...4)).map { _ -> String in
                let value = (0..<fuzz.int(0...6)).map { _ in fuzz.pick(text) }.joined()
                switch fuzz.int(0...9) {
                case 0: return ": " + value
                case 1: return fuzz.pick(["event: message", "id: 7", "retry: 10"])
                case 2: return "data:" + value
                default: return "data: " + value
                }
            }
        }
        return Transcript(events: events, ending: fuzz.pick(["\n", "\r\n", "\r"]), limit: limit)
    }

    /// Everything `parser` yields for `pieces` then the end, stopping at the first overflow.
    static func parse(_ pieces: [[UInt8]], limit: Int) -> (events: [String], overflow: Bool) {
        var parser = SSEParser(maxEventBytes: limit)
        var events: [String] = []
        do {
            for piece in pieces { try parser.feed(piece, into: &events) }
            try parser.feed([0x0A, 0x0A], into: &events)
            return (events, false)
        } catch {
            return (events, true)
        }
    }

    /// The same events come out however the bytes are cut, and they are the ones the transcript
    /// holds: the parser keeps no state tied to where a chunk ended.
    @Test func chunkingNeverChangesTheEvents() async {
        let input = Fuzz.generator { fuzz -> (Transcript, [[UInt8]]) in
            let transcript = Self.transcript(&fuzz, limit: SSEParser.maxEventBytes)
            return (transcript, fuzz.chunks(transcript.bytes))
        }
        await propertyCheck(count: 300, input: input) { input in
            let (transcript, pieces) = input
            let whole = Self.parse([transcript.bytes], limit: transcript.limit)
            #expect(whole.events == transcript.expected.events && !whole.overflow)
            let chunked = Self.parse(pieces, limit: transcript.limit)
            #expect(chunked.events == whole.events && !chunked.overflow)
        }
    }

    /// With a cap near the size of the lines, an overflow is reported at the same point of the
    /// stream however it is cut, after the same events, and matches the reference.
    @Test func theCapIsHitAtTheSamePointWhateverTheChunking() async {
        let input = Fuzz.generator { fuzz -> (Transcript, [[UInt8]]) in
            let transcript = Self.transcript(&fuzz, limit: fuzz.int(8...120))
            return (transcript, fuzz.chunks(transcript.bytes))
        }
        await propertyCheck(count: 400, input: input) { input in
            let (transcript, pieces) = input
            let expected = transcript.expected
            let whole = Self.parse([transcript.bytes], limit: transcript.limit)
            #expect(whole.events == expected.events && whole.overflow == expected.overflow)
            let chunked = Self.parse(pieces, limit: transcript.limit)
            #expect(chunked.events == expected.events && chunked.overflow == expected.overflow)
        }
    }

    /// Random bytes never crash the parser, and it never holds more than about the cap.
    @Test func randomBytesAreParsedOrReported() async {
        let input = Fuzz.generator { fuzz -> [[UInt8]] in
            fuzz.chunks(fuzz.bytes(fuzz.int(0...2000), alphabet: Array("data: \n\r:x{}".utf8)))
        }
        await propertyCheck(count: 300, input: input) { pieces in
            let result = Self.parse(pieces, limit: 64)
            #expect(result.events.allSatisfy { $0.unicodeScalars.count <= 64 }, "invalid UTF-8 is one replacement character per byte")
        }
    }
}
