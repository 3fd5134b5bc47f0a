/// How deeply JSON from outside (a client's body, an upstream's answer or stream event) may nest.
///
/// Readers of JSON recurse once per level: the request scanner, Foundation's `JSONDecoder`, and
/// above all `Decodable` types that contain themselves (``JSONValue``). A body of 10,000 `[`
/// overflows the stack and ends the process, so every such reader first checks the depth with
/// this scan, which is iterative and allocates nothing. Real requests and answers nest a few
/// levels (a tool schema a dozen); 128 is far above any of them and far below any stack limit.
package enum JSONNesting {
    /// The deepest nesting accepted: the outermost object or array is level 1.
    package static let maxDepth = 128

    /// The deepest nesting of arrays and objects in `bytes`, counting only brackets outside
    /// strings (escapes honoured), stopping as soon as it passes `limit`: the result is then
    /// `limit + 1`. Malformed JSON is not an error here: a stray closing bracket never lowers the
    /// count below zero, so the result is never less than what a parser would reach before failing.
    package static func depth(of bytes: some Sequence<UInt8>, stoppingAfter limit: Int = .max) -> Int {
        if let depth = bytes.withContiguousStorageIfAvailable({ scan($0, limit: limit) }) { return depth }
        return scan(bytes, limit: limit)
    }

    /// Whether `bytes` nest no deeper than `limit` (``maxDepth`` unless told otherwise).
    package static func isWithinLimit(_ bytes: some Sequence<UInt8>, limit: Int = maxDepth) -> Bool {
        depth(of: bytes, stoppingAfter: limit) <= limit
    }

    private static func scan(_ bytes: some Sequence<UInt8>, limit: Int) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > deepest {
                    deepest = depth
                    if deepest > limit { return deepest }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth > 0 { depth -= 1 }
            default:
                break
            }
        }
        return deepest
    }

    /// JSON refused before decoding because it nests deeper than ``maxDepth``.
    package struct TooDeep: Error, Sendable, Equatable {
        package init() {}
    }
}
