import BrokleCore
import Hummingbird

/// Turns anything thrown below it into an OpenAI-style error body with the right status, so even an
/// unknown path or a wrong method gets `{"error":{...}}` rather than an empty page.
struct OpenAIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            return GatewayResponses.error(error, requestID: nil)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let message = error.body ?? (status == 404 ? "Unknown path \(request.method) \(request.uri.path)." : error.status.reasonPhrase)
            return GatewayResponses.error(.http(status: status, message: message), requestID: nil)
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(String(describing: type(of: error)))"])
            return GatewayResponses.error(.internalError, requestID: nil)
        }
    }
}
