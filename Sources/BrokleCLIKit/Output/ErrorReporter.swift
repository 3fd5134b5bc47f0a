import BrokleCore
import Foundation

/// Writes the one JSON error line of the JSON-lines contract on stderr:
/// `{"error":{"type":"not_found","message":"...","hint":"..."}}`.
package enum ErrorReporter {
    struct Body: Encodable {
        struct Detail: Encodable {
            var type: String
            var message: String
            var hint: String?
        }
        var error: Detail
    }

    package static func line(for error: BrokleError) -> String {
        let body = Body(error: .init(type: error.kind.rawValue, message: error.message, hint: error.hint))
        return (try? JSONLines.line(body)) ?? #"{"error":{"type":"internal","message":"unencodable error"}}"#
    }

    package static func report(_ error: BrokleError) {
        FileHandle.standardError.write(Data((line(for: error) + "\n").utf8))
    }
}
