@testable import BrokleCore
import Foundation

/// One decoded JSON line, read the way a script (jq) would.
struct JSONLine {
    let value: JSONValue

    init(_ text: String) throws {
        value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONValue? { value[key] }
}

extension JSONValue {
    /// The elements of an array, or nil.
    var arrayValue: [JSONValue]? { if case .array(let values) = self { values } else { nil } }
}
