import BrokleCore
import Foundation
import Hummingbird

/// One page of a stored response's input items, as OpenAI lists them: `order` (`desc`, newest
/// first, by default), `limit` (1–100, 20 by default) and the cursor `after` (an item id), with
/// `first_id`, `last_id` and `has_more`. Items sent without an id get one derived from the response
/// id and their position (`msg_<response>_in0`: apart from the response's output item ids), so
/// cursors stay stable.
struct InputItemsPage {
    var limit = 20
    var ascending = false
    var after: String?

    init(query: Parameters) throws(GatewayError) {
        if let text = query.get("limit") {
            guard let limit = Int(text), (1...100).contains(limit) else {
                throw .invalidRequest("'limit' must be an integer from 1 to 100.", param: "limit")
            }
            self.limit = limit
        }
        if let order = query.get("order") {
            guard order == "asc" || order == "desc" else { throw .invalidRequest("'order' must be 'asc' or 'desc'.", param: "order") }
            ascending = order == "asc"
        }
        after = query.get("after")
    }

    /// The list object for `items` (in the order they were sent) of response `responseID`.
    func list(_ items: [JSONValue], responseID: String) -> [UInt8] {
        let suffix = responseID.hasPrefix("resp_") ? String(responseID.dropFirst(5)) : responseID
        var identified = items.enumerated().map { index, item in Self.identified(item, suffix: suffix, index: index) }
        if !ascending { identified.reverse() }
        if let after, let position = identified.firstIndex(where: { $0.id == after }) {
            identified.removeFirst(position + 1)
        }
        let page = identified.prefix(limit)
        let list: JSONValue = .object([
            "object": .string("list"), "data": .array(page.map(\.item)),
            "first_id": page.first.map { .string($0.id) } ?? .null, "last_id": page.last.map { .string($0.id) } ?? .null,
            "has_more": .bool(identified.count > page.count),
        ])
        return Array((try? JSONEncoder().encode(list)) ?? Data())
    }

    private static func identified(_ item: JSONValue, suffix: String, index: Int) -> (id: String, item: JSONValue) {
        guard case .object(var object) = item else { return ("item_\(suffix)_\(index)", item) }
        if let id = object["id"]?.stringValue { return (id, item) }
        let type = object["type"]?.stringValue ?? "message"
        let prefix =
            switch type {
            case "message": "msg"
            case "function_call": "fc"
            case "function_call_output": "fco"
            default: "item"
            }
        let id = "\(prefix)_\(suffix)_in\(index)"
        object["id"] = .string(id)
        if object["type"] == nil { object["type"] = .string("message") }
        // A message's text given as a string is listed as one part, as OpenAI lists it.
        if type == "message", let text = object["content"]?.stringValue {
            let part = object["role"]?.stringValue == "assistant" ? "output_text" : "input_text"
            object["content"] = .array([.object(["type": .string(part), "text": .string(text)])])
        }
        return (id, .object(object))
    }
}
