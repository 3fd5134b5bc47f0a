import BrokleCore
import Foundation
import Hummingbird
import NIOCore

/// `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}` and `GET /v1/responses/{id}/input_items`:
/// the stored responses of the key's environment, in OpenAI's shapes. Another environment's
/// response is not found (a 404, as for an id that never was).
struct ResponsesHandlers: Sendable {
    let authenticator: Authenticator
    let state: ResponseState

    func register(on router: Router<BasicRequestContext>) {
        let handlers = self
        router.get("/v1/responses/:id") { request, context in
            await handlers.answer(request, context) { key, id throws(GatewayError) in
                guard let stored = try await handlers.state.response(id, environmentID: key.environmentID) else {
                    throw ResponsesConversation.notFound(id)
                }
                return ByteBuffer(bytes: stored.response)
            }
        }
        router.delete("/v1/responses/:id") { request, context in
            await handlers.answer(request, context) { key, id throws(GatewayError) in
                guard try await handlers.state.delete(id, environmentID: key.environmentID) else {
                    throw ResponsesConversation.notFound(id)
                }
                return ByteBuffer(
                    string: #"{"id":\#(String(decoding: JSONScanner.encodeString(id), as: UTF8.self)),"object":"response","deleted":true}"#)
            }
        }
        router.get("/v1/responses/:id/input_items") { request, context in
            await handlers.answer(request, context) { key, id throws(GatewayError) in
                guard let stored = try await handlers.state.response(id, environmentID: key.environmentID) else {
                    throw ResponsesConversation.notFound(id)
                }
                let page = try InputItemsPage(query: request.uri.queryParameters)
                return ByteBuffer(bytes: page.list(ResponsesConversation.input(of: stored), responseID: id))
            }
        }
    }

    /// Authenticates, runs `body` with the key and the path's id, and answers with its JSON or error.
    private func answer(
        _ request: Request, _ context: BasicRequestContext,
        _ body: (KeyContext, String) async throws(GatewayError) -> ByteBuffer
    ) async -> Response {
        let requestID = GatewayResponses.requestID(request.headers)
        do throws(GatewayError) {
            let key = try await authenticator.authenticate(request.headers, logger: context.logger)
            let id = context.parameters.get("id") ?? ""
            return GatewayResponses.json(.ok, try await body(key, id), headers: [GatewayResponses.requestIDHeader: requestID])
        } catch {
            return GatewayResponses.error(error, requestID: requestID)
        }
    }
}
