import BrokleCore
import HTTPTypes
import Hummingbird

/// Security headers on every dashboard page and API answer, errors included: a strict
/// Content-Security-Policy (scripts and styles only from the gateway's own files — no inline ones —
/// so a prompt that holds markup can never run), no framing, no sniffing, no referrer, no caching.
struct DashboardHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'"
    }

    static var frameOptions: HTTPField.Name { HTTPField.Name("x-frame-options")! }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("referrer-policy")! }
    static var openerPolicy: HTTPField.Name { HTTPField.Name("cross-origin-opener-policy")! }
    static var fetchSite: HTTPField.Name { HTTPField.Name("sec-fetch-site")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            // Another site's page may not change anything here, whatever its form or script sends.
            if request.method != .get, request.method != .head, request.headers[Self.fetchSite] == "cross-site" {
                throw GatewayError(
                    status: 403, type: "permission_error", code: "cross_site_request", message: "Changes from another site are refused.")
            }
            // Off the event loops that carry proxy traffic: a page's database reads, sorting and JSON
            // run on the shared concurrency pool (a stream's writes still go out on its connection's loop).
            response = try await withTaskExecutorPreference(globalConcurrentExecutor) { try await next(request, context) }
        } catch let error as GatewayError {
            response = GatewayResponses.error(error, requestID: nil)
        } catch let error as HTTPError {
            response = GatewayResponses.error(
                .http(status: Int(error.status.code), message: error.body ?? error.status.reasonPhrase), requestID: nil)
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
