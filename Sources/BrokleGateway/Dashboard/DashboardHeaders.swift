import BrokleCore
import HTTPTypes
import Hummingbird

/// Security headers on every dashboard page and API answer, errors included: a strict
/// Content-Security-Policy (scripts and styles only from the gateway's own files — no inline ones —
/// so a prompt that holds markup can never run), no framing, no sniffing, no referrer, no caching.
struct DashboardHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    static var frameOptions: HTTPField.Name { HTTPField.Name("x-frame-options")! }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("referrer-policy")! }
    static var openerPolicy: HTTPField.Name { HTTPField.Name("cross-origin-opener-policy")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as GatewayError {
            response = GatewayResponses.error(error, requestID: nil)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        response.headers[Self.openerPolicy] = "same-origin"
        return response
    }
}
