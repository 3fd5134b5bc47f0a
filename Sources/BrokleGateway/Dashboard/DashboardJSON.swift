import BrokleCore
import Foundation
import Hummingbird
import NIOCore

/// JSON in and out of the dashboard API: snake_case keys, RFC 3339 dates, bodies of at most 64 KiB.
enum DashboardJSON {
    static let maximumBody = 64 * 1024

    static func response<Body: Encodable>(_ body: Body, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws(GatewayError)
        -> Response
    {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return GatewayResponses.json(status, ByteBuffer(bytes: try encoder.encode(body)), headers: headers)
        } catch {
            throw .internalError
        }
    }

    /// The request's JSON body as `Body` (400 when it is not that, 413 past the limit, 415 unless it
    /// says `application/json` — which no cross-site HTML form can send without a preflight).
    static func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws(GatewayError) -> Body {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("application/json") else {
            throw GatewayError(
                status: 415, type: "invalid_request_error", code: "unsupported_media_type", message: "The body must be application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBody)
        } catch {
            throw GatewayError.bodyTooLarge(limit: maximumBody)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer: buffer))
        } catch {
            throw GatewayError.invalidRequest("The body is not the JSON this call takes.")
        }
    }
}
