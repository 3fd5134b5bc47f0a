import Foundation

/// One API key as `keys ...` print it. `key` (the full secret) is present only in the output of
/// `keys create` and `keys rotate`, the one time it exists outside the caller's hands.
struct KeyRow: OutputRow {
    static let columns = ["public_id", "name", "org", "project", "env", "status", "models", "expires_at", "last_used_at", "id"]
    var id: String
    var publicID: String
    var prefix: String
    var name: String?
    var org: String
    var project: String
    var env: String
    var status: APIKey.Status
    var models: [String]?
    var createdAt: Date
    var expiresAt: Date?
    var revokedAt: Date?
    var lastUsedAt: Date?
    var previousSecretValidUntil: Date?
    var key: String?

    enum CodingKeys: String, CodingKey {
        case id, publicID = "public_id", prefix, name, org, project, env, status, models
        case createdAt = "created_at", expiresAt = "expires_at", revokedAt = "revoked_at", lastUsedAt = "last_used_at"
        case previousSecretValidUntil = "previous_secret_valid_until", key
    }

    init(_ apiKey: APIKey, token: APIKeyToken? = nil, now: Date = Date()) {
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
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(publicID, forKey: .publicID)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(name, forKey: .name)
        try container.encode(org, forKey: .org)
        try container.encode(project, forKey: .project)
        try container.encode(env, forKey: .env)
        try container.encode(status, forKey: .status)
        try container.encode(models, forKey: .models)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(revokedAt, forKey: .revokedAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encode(previousSecretValidUntil, forKey: .previousSecretValidUntil)
        try container.encodeIfPresent(key, forKey: .key)
    }
}
