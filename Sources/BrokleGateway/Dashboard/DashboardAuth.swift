import BrokleCore
import BrokleStorage
import BrokleTransport
import HTTPTypes
import Hummingbird

/// Who is asking, for every dashboard API call: the session its cookie names (else 401), the
/// CSRF token on every change (else 403), and its membership of the organization in the path
/// (else 404: another organization's things do not exist for it). Read from the database on every
/// call, so a revoked session or a removed member is refused at once.
struct DashboardAuth: Sendable {
    let sessions: DashboardSessionStore
    let memberships: MembershipLookup
    static let csrfHeader = HTTPField.Name("x-csrf-token")!

    /// The request's live session.
    func session(_ request: Request) async throws(GatewayError) -> DashboardSessionStore.Session {
        guard let value = DashboardCookie.value(in: request) else { throw Self.signedOut }
        guard let session = try await DashboardErrors.mapped({ () async throws(BrokleError) in try await sessions.session(value) }) else {
            throw Self.signedOut
        }
        return session
    }

    /// The request's live session, for a change: its `x-csrf-token` must be the session's token.
    func changing(_ request: Request) async throws(GatewayError) -> DashboardSessionStore.Session {
        let session = try await session(request)
        guard let token = request.headers[Self.csrfHeader],
            ConstantTime.equal(Array(token.utf8), Array(session.csrfToken.utf8))
        else {
            throw GatewayError(
                status: 403, type: "permission_error", code: "csrf_token_invalid",
                message: "This change needs the session's CSRF token in the x-csrf-token header.")
        }
        return session
    }

    /// The session's membership of `slug` (404 when it has none).
    func membership(_ session: DashboardSessionStore.Session, in slug: String) async throws(GatewayError)
        -> MembershipLookup.Membership
    {
        guard
            let membership = try await DashboardErrors.mapped({ () async throws(BrokleError) in
                try await memberships.membership(of: session.userID, in: slug)
            })
        else { throw DashboardErrors.notFound("organization '\(slug)'") }
        return membership
    }

    /// A signed-in member of `org` and its session: for a change (`change`) with the CSRF token, and
    /// with `permission` when its role must allow one (403 otherwise).
    func member(_ request: Request, of org: String, change: Bool = false, may permission: DashboardPermission = .read)
        async throws(GatewayError) -> (session: DashboardSessionStore.Session, membership: MembershipLookup.Membership)
    {
        let session = change ? try await changing(request) : try await session(request)
        let membership = try await membership(session, in: org)
        try Self.require(membership, permission)
        return (session, membership)
    }

    /// 403 unless the member's role allows `permission`.
    static func require(_ membership: MembershipLookup.Membership, _ permission: DashboardPermission) throws(GatewayError) {
        guard membership.role.may(permission) else {
            throw GatewayError(
                status: 403, type: "permission_error", code: "role_forbidden",
                message: "Your role in '\(membership.slug)' (\(membership.role.rawValue)) cannot do this.")
        }
    }

    static let signedOut = GatewayError(
        status: 401, type: "authentication_error", code: "not_signed_in", message: "Sign in to the dashboard first.")
}

extension DashboardSessionStore.Session {
    /// Who the audit log says made a change through the dashboard: the member's e-mail, from the
    /// client's address.
    var actor: AuditActor {
        AuditActor(name: email, origin: ClientAddress.current ?? "dashboard")
    }
}
