import BrokleCore
import Foundation

/// One API key as `keys ...` print it. `key` (the full secret) is present only in the output of
/// `keys create` and `keys rotate`, the one time it exists outside the caller's hands; `limits`
/// only in that of `keys create`.
struct KeyRow: OutputRow {
    static let columns = ["public_id", "name", "org", "project", "env", "status", "models", "expires_at", "last_used_at", "id"]
    var id: String
    var publicID: String
    var prefix: String
    @Nullable var name: String?
    var org: String
    var project: String
    var env: String
    var status: APIKey.Status
    @Nullable var models: [String]?
    var createdAt: Date
    @Nullable var expiresAt: Date?
    @Nullable var revokedAt: Date?
    @Nullable var lastUsedAt: Date?
    @Nullable var previousSecretValidUntil: Date?
    var key: String?
    var limits: KeyLimitsField?

    enum CodingKeys: String, CodingKey {
        case id, publicID = "public_id", prefix, name, org, project, env, status, models
        case createdAt = "created_at", expiresAt = "expires_at", revokedAt = "revoked_at", lastUsedAt = "last_used_at"
        case previousSecretValidUntil = "previous_secret_valid_until", key, limits
    }

    init(_ apiKey: APIKey, token: APIKeyToken? = nil, limits: KeyLimitsField? = nil, now: Date = Date()) {
        id = apiKey.id
        publicID = apiKey.publicID
        prefix = APIKeyToken.redacted(publicID: apiKey.publicID)
        name = apiKey.name
        org = apiKey.orgSlug
        project = apiKey.projectSlug
        env = apiKey.environmentSlug
        status = apiKey.status(at: now)
        models = apiKey.allowedModels?.map(\.text)
        createdAt = apiKey.createdAt
        expiresAt = apiKey.expiresAt
        revokedAt = apiKey.revokedAt
        lastUsedAt = apiKey.lastUsedAt
        previousSecretValidUntil = apiKey.previousSecretValidUntil.flatMap { $0 > now ? $0 : nil }
        key = token?.text
        self.limits = limits
    }
}
