import BrokleCore
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
    /// `hit-exact`, `hit-semantic`, `miss` or `bypass` (absent when caching is off for the model).
    static let cacheHeader = HTTPField.Name("x-brokle-cache")!
    static let cacheSimilarityHeader = HTTPField.Name("x-brokle-cache-similarity")!
    /// What guardrails did (`input.email.mask=2, output.phone.log=1`): entities and actions, never values.
    static let guardrailsHeader = HTTPField.Name("x-brokle-guardrails")!

    /// A JSON answer; `headers` must not have a content type of their own.
    static func json(_ status: HTTPResponse.Status, _ body: ByteBuffer, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers.append(HTTPField(name: .contentType, value: "application/json"))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// An error answer with `error`'s status; the body is OpenAI's shape unless another is given.
    static func error(_ error: GatewayError, requestID: String?, body: [UInt8]? = nil) -> Response {
        var headers: HTTPFields = [:]
        if let requestID { headers[requestIDHeader] = requestID }
        for (name, value) in error.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return json(HTTPResponse.Status(code: error.status), ByteBuffer(bytes: body ?? errorBody(error)), headers: headers)
    }

    /// `{"error":{"message":…,"type":…,"param":…,"code":…}}`
    static func errorBody(_ error: GatewayError) -> [UInt8] {
        func field(_ value: String?) -> String {
            value.map { String(decoding: JSONScanner.encodeString($0), as: UTF8.self) } ?? "null"
        }
        return Array(
            #"{"error":{"message":\#(field(error.message)),"type":\#(field(error.type)),"param":\#(field(error.param)),"code":\#(field(error.code))}}"#
                .utf8)
    }

    /// `duration` in milliseconds with three decimals (`0.125`), as `String(format: "%.3f")` writes it.
    static func milliseconds(_ duration: Duration) -> String {
        let nanos = duration.nanoseconds
        // Rounded half away from zero to whole microseconds, as printf rounds these values.
        let micros = (nanos.magnitude + 500) / 1000
        let fraction = micros % 1000
        let digits = String(fraction)
        let sign = nanos < 0 && micros > 0 ? "-" : ""
        return sign + String(micros / 1000) + "." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// A client-supplied request id is kept when it is short and plain; otherwise a new one is made.
    static func requestID(_ headers: HTTPFields) -> String {
        if let given = headers.value(requestIDHeader), (1...128).contains(given.utf8.count),
            given.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "-_.:".unicodeScalars.contains($0) })
        {
            return given
        }
        // Time-ordered (see ``RequestID``); the randomness from getrandom, fetched in bulk —
        // Foundation's UUID() opens and reads /dev/urandom each time.
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        return RequestID.make(milliseconds: milliseconds, random: RandomPool.shared.pair())
    }
}
