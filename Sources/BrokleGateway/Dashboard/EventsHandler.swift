import BrokleCore
import BrokleStorage
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /api/v1/events?org=ORG`: the organization's live events as server-sent events
/// (``DashboardEvents``), for a signed-in member of it. The session and membership are looked at
/// again every half minute: a page signed out elsewhere, or of a removed member, stops there.
struct EventsHandler: Sendable {
    let auth: DashboardAuth
    let events: DashboardEvents

    func stream(_ request: Request) async throws(GatewayError) -> Response {
        let session = try await auth.session(request)
        guard let org = request.uri.queryParameters["org"].map(String.init) else { throw GatewayError.missingParameter("org") }
        let membership = try await auth.membership(session, in: org)
        guard let (id, stream) = events.subscribe(organizationID: membership.organizationID, user: session.userID, until: session.expiresAt)
        else {
            throw GatewayError(
                status: 503, type: "api_error", code: "too_many_streams",
                message: "Too many dashboards are open (8 a member, 1,000 in all); close one or try again shortly.")
        }
        let (auth, events) = (auth, events)
        let body = ResponseBody { writer in
            defer { events.unsubscribe(id) }
            // The head and a first line at once, so the page knows it is connected.
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            for await event in stream {
                if event == DashboardEvents.recheck {
                    guard (try? await auth.stillMember(request, of: org)) == true else { break }
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    continue
                }
                try await writer.write(ByteBuffer(string: event))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }
}

extension DashboardAuth {
    /// Whether the request's session is still live and still a member of `org`.
    func stillMember(_ request: Request, of org: String) async throws -> Bool {
        let session = try await session(request)
        _ = try await membership(session, in: org)
        return true
    }
}
