import Foundation
import HTTPTypes
import Hummingbird

/// Building the gateway's HTTP responses: JSON bodies, OpenAI error bodies, the x-brokle headers.
enum GatewayResponses {
    static let requestIDHeader = HTTPField.Name("x-brokle-request-id")!
    static let providerHeader = HTTPField.Name("x-brokle-provider")!
    static let modelHeader = HTTPField.Name("x-brokle-model")!
    static let overheadHeader = HTTPField.Name("x-brokle-overhead-ms")!
    static let costHeader = HTTPField.Name("x-brokle-cost-usd")!
    static let attemptsHeader = HTTPField.Name("x-brokle-attempts")!

    static func json(_ status: HTTPResponse.Status, _ body: ByteBuffer, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static func error(_ error: GatewayError, requestID: String?) -> Response {
        var headers: HTTPFields = [:]
        if let requestID { headers[requestIDHeader] = requestID }
        return json(HTTPResponse.Status(code: error.status), ByteBuffer(bytes: errorBody(error)), headers: headers)
    }

    /// `{"error":{"message":…,"type":…,"param":…,"code":…}}`
    static func errorBody(_ error: GatewayError) -> [UInt8] {
        func field(_ value: String?) -> String {
            value.map { String(decoding: JSONScanner.encodeString($0), as: UTF8.self) } ?? "null"
        }
        return Array(#"{"error":{"message":\#(field(error.message)),"type":\#(field(error.type)),"param":\#(field(error.param)),"code":\#(field(error.code))}}"#.utf8)
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.milliseconds)
    }

    /// A client-supplied request id is kept when it is short and plain; otherwise a new one is made.
    static func requestID(_ headers: HTTPFields) -> String {
        if let given = headers[requestIDHeader], (1...128).contains(given.utf8.count),
           given.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "-_.:".unicodeScalars.contains($0) }) {
            return given
        }
        return "req_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
