import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/keys`: list (every member), create, rotate and revoke (developers outside
/// production, admins and owners anywhere), through the store `brokle keys` uses. A new or rotated
/// key's secret is in that one answer and nowhere else; listings never carry a secret or its hash.
struct KeyHandlers: Sendable {
    let auth: DashboardAuth
    let keys: KeyStore
    let environments: EnvironmentStore

    struct KeyBody: Encodable {
        var id: String
        var publicId: String
        var name: String?
        var project: String
        var env: String
        var status: String
        var production: Bool
        var createdAt: Date
        var expiresAt: Date?
        var revokedAt: Date?
        var lastUsedAt: Date?
        var allowedModels: [String]?
        /// Only when created or rotated: the whole `bk_…` key, shown once.
        var key: String?

        init(_ key: APIKey, token: APIKeyToken? = nil) {
            id = key.id
            publicId = key.publicID
            name = key.name
            project = key.projectSlug
            env = key.environmentSlug
            status = key.status(at: Date()).rawValue
            production = DashboardPermission.isProduction(environment: key.environmentSlug)
            createdAt = key.createdAt
            expiresAt = key.expiresAt
            revokedAt = key.revokedAt
            lastUsedAt = key.lastUsedAt
            allowedModels = key.allowedModels?.map(\.text)
            self.key = token?.text
        }
    }

    struct Listing: Encodable {
        var keys: [KeyBody]
        var environments: [String]
    }

    struct Create: Decodable {
        var project: String
        var env: String
        var name: String?
        var expiresInDays: Int?
    }

    struct Rotate: Decodable {
        var graceSeconds: Int?
    }

    func list(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let includeRevoked = request.uri.queryParameters["revoked"] == "1"
        let (listed, environments) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            (
                try await keys.list(KeyStore.Filter(org: membership.slug, includeRevoked: includeRevoked)),
                try await self.environments.list(org: membership.slug, project: nil)
            )
        }
        return try DashboardJSON.response(
            Listing(keys: listed.map { KeyBody($0) }, environments: environments.map { "\($0.projectSlug)/\($0.slug)" }))
    }

    func create(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (session, membership) = try await auth.member(request, of: org, change: true)
        let body = try await DashboardJSON.decode(Create.self, from: request)
        try DashboardAuth.require(membership, .manageKeys(production: DashboardPermission.isProduction(environment: body.env)))
        if let days = body.expiresInDays, !(1...3650).contains(days) {
            throw GatewayError.invalidRequest("'expires_in_days' is from 1 to 3650.", param: "expires_in_days")
        }
        if let name = body.name, name.isEmpty || name.utf8.count > 100 {
            throw GatewayError.invalidRequest("'name' has 1 to 100 bytes.", param: "name")
        }
        let expires = body.expiresInDays.map { Date().addingTimeInterval(Double($0) * 86_400) }
        let (key, token) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            let environment = try await environments.get(org: membership.slug, project: body.project, slug: body.env)
            return try await keys.create(in: environment, name: body.name, expiresAt: expires, models: nil, by: session.actor)
        }
        return try DashboardJSON.response(KeyBody(key, token: token), status: .created)
    }

    func revoke(_ request: Request, org: String, id: String) async throws(GatewayError) -> Response {
        let (session, key) = try await changeable(request, org: org, id: id)
        let revoked = try await DashboardErrors.mapped { () async throws(BrokleError) in try await keys.revoke(key.id, by: session.actor) }
        return try DashboardJSON.response(KeyBody(revoked))
    }

    func rotate(_ request: Request, org: String, id: String) async throws(GatewayError) -> Response {
        let (session, key) = try await changeable(request, org: org, id: id)
        let body = try await DashboardJSON.decode(Rotate.self, from: request)
        let grace = body.graceSeconds ?? 0
        guard (0...(30 * 86_400)).contains(grace) else {
            throw GatewayError.invalidRequest("'grace_seconds' is from 0 to 2592000.", param: "grace_seconds")
        }
        guard key.revokedAt == nil else {
            throw GatewayError(status: 409, type: "invalid_request_error", code: "conflict", message: "A revoked key cannot be rotated.")
        }
        let (rotated, token) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            try await keys.rotate(key.id, grace: TimeInterval(grace), by: session.actor)
        }
        return try DashboardJSON.response(KeyBody(rotated, token: token))
    }

    /// The organization's key `id` (404 otherwise), if the member's role may change it (403 otherwise).
    private func changeable(_ request: Request, org: String, id: String) async throws(GatewayError) -> (
        DashboardSessionStore.Session, APIKey
    ) {
        let (session, membership) = try await auth.member(request, of: org, change: true)
        let key: APIKey
        do {
            key = try await keys.get(id)
        } catch {
            throw error.kind == .notFound ? DashboardErrors.notFound("key '\(id)'") : DashboardErrors.gatewayError(error)
        }
        // Another organization's key does not exist for this member.
        guard key.organizationID == membership.organizationID else { throw DashboardErrors.notFound("key '\(id)'") }
        try DashboardAuth.require(membership, .manageKeys(production: DashboardPermission.isProduction(environment: key.environmentSlug)))
        return (session, key)
    }
}
