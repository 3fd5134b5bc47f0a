import BrokleCore
import Foundation

/// A position in a trace listing: the (started_at, id) of the last trace seen, as an opaque token.
package struct TraceCursor: Sendable, Equatable {
    package var startedAt: Double
    package var id: String

    package init(startedAt: Double, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    package var token: String {
        Data("\(startedAt.bitPattern)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    package init(token: String) throws(BrokleError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let bar = text.firstIndex(of: "|"), let bits = UInt64(text[..<bar])
        else {
            throw BrokleError(.usage, "invalid --after cursor", hint: "pass the `cursor` of a line printed by `brokle trace query`")
        }
        startedAt = Double(bitPattern: bits)
        id = String(text[text.index(after: bar)...])
    }
}
