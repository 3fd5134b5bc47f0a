import BrokleCore
import Foundation

extension GeminiRequestMapping {
    /// An OpenAI embeddings request (`input` a string or an array of strings; `dimensions`) as a
    /// `batchEmbedContents` request, one item per input, for `resource` (`models/<model>`).
    /// Token-array inputs have no Gemini form; `encoding_format` and `user` are dropped.
    static func embedRequest(fromOpenAI body: Data, resource: String) throws -> GeminiWire.BatchEmbedRequest {
        guard let json = try? JSONDecoder().decode(JSONValue.self, fromUntrusted: body), case .object(let root) = json else {
            throw GatewayError.invalidRequest("The request body is not a JSON object.")
        }
        let texts: [String]
        switch root["input"] {
        case .string(let text)?: texts = [text]
        case .array(let items)? where !items.isEmpty && items.allSatisfy({ $0.stringValue != nil }):
            texts = items.compactMap(\.stringValue)
        default:
            throw GatewayError.invalidRequest(
                "'input' must be a string or a non-empty array of strings for Gemini embeddings.", param: "input")
        }
        let dimensions = number(root["dimensions"]).flatMap { Int(exactly: $0.rounded()) }
        return GeminiWire.BatchEmbedRequest(
            requests: texts.map {
                GeminiWire.EmbedRequest(
                    model: resource, content: .init(role: nil, parts: [.init(text: $0)]), outputDimensionality: dimensions)
            })
    }
}
