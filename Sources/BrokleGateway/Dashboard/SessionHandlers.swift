import BrokleCore
import BrokleStorage
import BrokleTransport
import Foundation
import Hummingbird

/// `/api/v1/session`: sign in with a password (POST) or a one-time link (POST `/link`), see who is
/// signed in (GET), sign out (DELETE, with the CSRF token).
struct SessionHandlers: Sendable {
    let auth: DashboardAuth
    /// The sessions and links store on the database's writer.
    let writes: DashboardSessionStore
    let credentials: UserCredentialStore
    let throttle: SignInThrottle
    let lifetime: Duration

    struct PasswordSignIn: Decodable {
        var email: String
        var password: String
    }

    struct LinkSignIn: Decodable {
        var token: String
    }

    /// What the page learns of its session: who, the token its changes carry, and the organizations it sees.
    struct SessionBody: Encodable {
        struct User: Encodable {
            var email: String
            var name: String?
        }
        struct Organization: Encodable {
            var slug: String
            var name: String
            var role: Role
        }
        var user: User
        var csrfToken: String
        var expiresAt: Date
        var organizations: [Organization]
    }

    func signIn(_ request: Request) async throws(GatewayError) -> Response {
        let body = try await DashboardJSON.decode(PasswordSignIn.self, from: request)
        // Normalized (and so at most 254 bytes) before it is counted or looked up.
        let email = try? Email.normalize(body.email)
        try refuseIfThrottled(account: email)
        var credential: UserCredentialStore.Credential?
        if let email {
            credential = try await DashboardErrors.mapped { () async throws(BrokleError) in try await credentials.credential(email: email) }
        }
        guard try await DashboardPasswords.verifyOffLoop(body.password, hash: credential?.passwordHash), let credential else {
            throttle.failed(address: ClientAddress.current, account: email)
            throw GatewayError(
                status: 401, type: "authentication_error", code: "sign_in_failed", message: "The e-mail or the password is wrong.")
        }
        return try await opened(userID: credential.userID, request: request)
    }

    func signInWithLink(_ request: Request) async throws(GatewayError) -> Response {
        let body = try await DashboardJSON.decode(LinkSignIn.self, from: request)
        // Per address only: a link's token is 256 random bits, and one shared count would let
        // anybody lock every link out.
        try refuseIfThrottled(account: nil)
        let token = Substring(body.token)
        guard let userID = try await DashboardErrors.mapped({ () async throws(BrokleError) in try await writes.redeemLink(token) })
        else {
            throttle.failed(address: ClientAddress.current, account: nil)
            throw GatewayError(
                status: 401, type: "authentication_error", code: "sign_in_link_invalid",
                message: "This sign-in link is unknown, used or expired; ask for a new one (`brokle ui link`).")
        }
        return try await opened(userID: userID, request: request)
    }

    func current(_ request: Request) async throws(GatewayError) -> Response {
        let session = try await auth.session(request)
        return try DashboardJSON.response(try await body(session))
    }

    func signOut(_ request: Request) async throws(GatewayError) -> Response {
        _ = try await auth.changing(request)
        if let value = DashboardCookie.value(in: request) {
            _ = try await DashboardErrors.mapped { () async throws(BrokleError) in try await writes.revoke(value) }
        }
        return Response(status: .noContent, headers: HTTPFields([DashboardCookie.clear(request: request)]))
    }

    private func refuseIfThrottled(account: String?) throws(GatewayError) {
        if let wait = throttle.wait(address: ClientAddress.current, account: account) {
            var error = GatewayError(
                status: 429, type: "rate_limit_error", code: "sign_in_throttled",
                message: "Too many failed sign-ins; try again in \(wait) seconds.")
            error.headers["retry-after"] = String(wait)
            throw error
        }
    }

    /// A new session for `userID`: its cookie and the page's view of it.
    private func opened(userID: String, request: Request) async throws(GatewayError) -> Response {
        let secret = SignInSecret.make()
        let csrf = SignInSecret.make().value
        let session = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await writes.open(secret, userID: userID, csrfToken: csrf, origin: ClientAddress.current, lifetime: lifetime)
        }
        guard let session else { throw .internalError }
        return try DashboardJSON.response(
            try await body(session), headers: HTTPFields([DashboardCookie.set(secret.value, lifetime: lifetime.seconds, request: request)]))
    }

    private func body(_ session: DashboardSessionStore.Session) async throws(GatewayError) -> SessionBody {
        let organizations = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await auth.memberships.organizations(of: session.userID)
        }
        return SessionBody(
            user: .init(email: session.email, name: session.name), csrfToken: session.csrfToken, expiresAt: session.expiresAt,
            organizations: organizations.map { .init(slug: $0.slug, name: $0.name, role: $0.role) })
    }
}
