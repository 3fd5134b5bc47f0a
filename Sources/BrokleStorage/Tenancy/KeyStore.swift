import BrokleCore
import Foundation
import SQLKit

/// Virtual API keys: creation (the secret is returned once and only its hash stored), listing,
/// revocation, rotation with a grace period, and authentication of presented keys.
package struct KeyStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    package struct Filter: Sendable {
        package var org: String?
        package var project: String?
        package var environment: String?
        package var includeRevoked = false

        package init(org: String? = nil, project: String? = nil, environment: String? = nil, includeRevoked: Bool = false) {
            self.org = org
            self.project = project
            self.environment = environment
            self.includeRevoked = includeRevoked
        }
    }

    static let select: SQLQueryString = """
        SELECT k.id, k.public_id, k.name, k.environment_id, e.slug AS env_slug, p.id AS project_id, p.slug AS project_slug,
               o.id AS org_id, o.slug AS org_slug, o.plan AS org_plan, k.allowed_models, k.created_at, k.expires_at, k.revoked_at,
               k.last_used_at, k.previous_expires_at, k.secret_hash, k.previous_secret_hash
        FROM api_keys k JOIN environments e ON e.id = k.environment_id JOIN projects p ON p.id = e.project_id
             JOIN organizations o ON o.id = p.organization_id
        """

    static func decode(_ row: any SQLRow) throws -> APIKey {
        let models = try row.decode(column: "allowed_models", as: String?.self)
        return APIKey(
            id: try row.decode(column: "id", as: String.self),
            publicID: try row.decode(column: "public_id", as: String.self),
            name: try row.decode(column: "name", as: String?.self),
            organizationID: try row.decode(column: "org_id", as: String.self),
            orgSlug: try row.decode(column: "org_slug", as: String.self),
            projectID: try row.decode(column: "project_id", as: String.self),
            projectSlug: try row.decode(column: "project_slug", as: String.self),
            environmentID: try row.decode(column: "environment_id", as: String.self),
            environmentSlug: try row.decode(column: "env_slug", as: String.self),
            allowedModels: try models.map { text in try ModelPattern.list(text) },
            createdAt: try row.decode(column: "created_at", as: Date.self),
            expiresAt: try row.decode(column: "expires_at", as: Date?.self),
            revokedAt: try row.decode(column: "revoked_at", as: Date?.self),
            lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self),
            previousSecretValidUntil: try row.decode(column: "previous_expires_at", as: Date?.self)
        )
    }

    /// Creates a key in `environment`, with its rate limits and budget when given, all in one
    /// transaction: there is never a key without its limits. The returned token is the only copy
    /// of the secret.
    package func create(
        in environment: Environment, name: String?, expiresAt: Date?, models: [ModelPattern]?, limits: RateLimits = RateLimits(),
        budget: (period: BudgetPeriod, limitNanoUSD: Int64)? = nil, by actor: AuditActor
    ) async throws(BrokleError) -> (APIKey, APIKeyToken) {
        let token = APIKeyToken.generate()
        let id = Identifier.make()
        let now = Date()
        let key = try await database.write("create API key") { sql in
            try await sql.raw(
                """
                INSERT INTO api_keys (id, public_id, secret_hash, environment_id, name, allowed_models, created_at, expires_at)
                VALUES (\(bind: id), \(bind: token.publicID), \(bind: token.secretHash), \(bind: environment.id), \(bind: name),
                        \(bind: models.map { $0.map(\.text).joined(separator: ",") }), \(bind: now), \(bind: expiresAt))
                """
            ).run()
            guard let key = try await Self.find(id, on: sql) else { return nil as APIKey? }
            let target = ScopeResolver.target(of: key)
            if !limits.isEmpty { try await LimitStore.upsert(target, limits, at: now, on: sql) }
            var after = AuditState.of(key)
            if case .object(var fields) = after {
                if !limits.isEmpty { fields["limits"] = AuditState.of(limits, scope: .key) }
                if let budget {
                    try await BudgetStore.upsert(
                        target, period: budget.period, limitNanoUSD: budget.limitNanoUSD, replace: true, at: now, on: sql)
                    fields["budget"] = AuditState.of(
                        try await BudgetStore.find(target.scope, period: nil, on: sql).map(\.budget), scope: .key)
                }
                after = .object(fields)
            }
            try await AuditStore.record(
                AuditEvent(.keyCreate, by: actor, organizationID: key.organizationID, target: key.publicID, after: after, at: now), on: sql)
            return key
        }
        guard let key else { throw BrokleError(.internalError, "API key vanished after insert") }
        return (key, token)
    }

    /// The live (not revoked) key named `name` in `environment`, if any: what `--if-not-exists` reuses.
    package func live(named name: String, in environment: Environment) async throws(BrokleError) -> APIKey? {
        try await database.call("read API keys") {
            try await database.sql.raw(
                "\(Self.select) WHERE k.environment_id = \(bind: environment.id) AND k.name = \(bind: name) AND k.revoked_at IS NULL ORDER BY k.created_at"
            )
            .first().map(Self.decode)
        }
    }

    package func list(_ filter: Filter) async throws(BrokleError) -> [APIKey] {
        try await database.call("list API keys") {
            var conditions: [SQLQueryString] = []
            if let org = filter.org { conditions.append("o.slug = \(bind: org)") }
            if let project = filter.project { conditions.append("p.slug = \(bind: project)") }
            if let environment = filter.environment { conditions.append("e.slug = \(bind: environment)") }
            if !filter.includeRevoked { conditions.append("k.revoked_at IS NULL") }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try await database.sql.raw("\(Self.select) \(whereClause) ORDER BY o.slug, p.slug, e.slug, k.created_at, k.id")
                .all().map(Self.decode)
        }
    }

    /// The key with this id or public id.
    package func get(_ idOrPublicID: String) async throws(BrokleError) -> APIKey {
        let key = try await database.call("read API key") { try await Self.find(idOrPublicID, on: database.sql) }
        guard let key else {
            throw BrokleError(
                .notFound, "API key '\(idOrPublicID)' does not exist", hint: "`brokle keys list` shows the keys (id or public_id)")
        }
        return key
    }

    /// Revokes a key at once (its secret and any rotation grace stop working). Revoking a revoked
    /// key changes nothing.
    package func revoke(_ idOrPublicID: String, by actor: AuditActor) async throws(BrokleError) -> APIKey {
        let key = try await get(idOrPublicID)
        guard key.revokedAt == nil else { return key }
        return try await database.write("revoke API key") { sql in
            let now = Date()
            let changed = try await sql.raw(
                "UPDATE api_keys SET revoked_at = \(bind: now) WHERE id = \(bind: key.id) AND revoked_at IS NULL RETURNING id"
            ).all()
            guard let updated = try await Self.find(key.id, on: sql) else { throw BrokleError(.internalError, "API key vanished") }
            // Revoked meanwhile by someone else: their change, their row.
            guard !changed.isEmpty else { return updated }
            try await AuditStore.record(
                AuditEvent(
                    .keyRevoke, by: actor, organizationID: key.organizationID, target: key.publicID, before: AuditState.of(key),
                    after: AuditState.of(updated), at: now),
                on: sql)
            return updated
        }
    }

    /// Gives the key a new secret; the old one keeps working for `grace` seconds (0: not at all).
    package func rotate(_ idOrPublicID: String, grace: TimeInterval, by actor: AuditActor) async throws(BrokleError) -> (
        APIKey, APIKeyToken
    ) {
        let key = try await get(idOrPublicID)
        guard key.revokedAt == nil else {
            throw BrokleError(.conflict, "API key '\(key.publicID)' is revoked and cannot be rotated", hint: "create a new key instead")
        }
        let fresh = APIKeyToken.generate()
        let token = APIKeyToken(publicID: key.publicID, secret: fresh.secret)
        let graceEnd: Date? = grace > 0 ? Date().addingTimeInterval(grace) : nil
        let rotated = try await database.write("rotate API key") { sql in
            // Right-hand sides see the row as it was, so the old hash moves to previous_secret_hash.
            let previous: SQLQueryString = graceEnd == nil ? "NULL" : "secret_hash"
            try await sql.raw(
                """
                UPDATE api_keys SET previous_secret_hash = \(previous), previous_expires_at = \(bind: graceEnd),
                       secret_hash = \(bind: token.secretHash)
                WHERE id = \(bind: key.id)
                """
            ).run()
            guard let rotated = try await Self.find(key.id, on: sql) else { return nil as APIKey? }
            // The secret itself is never recorded: only that it changed.
            var after = AuditState.of(rotated)
            if case .object(var fields) = after {
                fields["secret_rotated"] = .bool(true)
                after = .object(fields)
            }
            try await AuditStore.record(
                AuditEvent(
                    .keyRotate, by: actor, organizationID: key.organizationID, target: key.publicID, before: AuditState.of(key),
                    after: after),
                on: sql)
            return rotated as APIKey?
        }
        guard let rotated else { throw BrokleError(.internalError, "API key vanished") }
        return (rotated, token)
    }

    /// Checks a presented key. Database trouble throws; a bad key is a ``KeyRejection``.
    /// `timeout` bounds the database call (the database's default when nil).
    package func authenticate(_ presented: String, now: Date = Date(), timeout: Duration? = nil) async throws(BrokleError) -> Result<
        KeyContext, KeyRejection
    > {
        guard let token = APIKeyToken(parsing: presented) else { return .failure(.malformed) }
        let row = try await database.call("authenticate API key", timeout: timeout) { [database] in
            try await database.sql.raw("\(Self.select) WHERE k.public_id = \(bind: token.publicID)").first()
        }
        guard let row else {
            // Spend the same hashing work as for a known key, so timing does not reveal which ids exist.
            _ = token.matches(storedHash: Self.decoyHash)
            return .failure(.unknown)
        }
        do {
            let key = try Self.decode(row)
            let current = try row.decode(column: "secret_hash", as: String.self)
            let previous = try row.decode(column: "previous_secret_hash", as: String?.self)
            let matchesCurrent = token.matches(storedHash: current)
            let matchesPrevious =
                previous.map { token.matches(storedHash: $0) } ?? false
                && (key.previousSecretValidUntil.map { now < $0 } ?? false)
            guard matchesCurrent || matchesPrevious else { return .failure(.wrongSecret) }
            switch key.status(at: now) {
            case .revoked: return .failure(.revoked)
            case .expired: return .failure(.expired)
            case .active:
                var context = key.context
                context.plan = Plan(rawValue: try row.decode(column: "org_plan", as: String.self)) ?? .free
                return .success(context)
            }
        } catch {
            throw BrokleError(.database, "could not read API key: \(DatabaseErrorText.describe(error))")
        }
    }

    /// Writes `last_used_at` for many keys at once (see ``KeyUsageRecorder``); never moves it back.
    package func recordUsage(_ lastUsed: [String: Date], timeout: Duration? = nil) async throws(BrokleError) {
        guard !lastUsed.isEmpty else { return }
        try await database.write("record API key usage", timeout: timeout) { sql in
            for (id, date) in lastUsed.sorted(by: { $0.key < $1.key }) {
                try await sql.raw(
                    """
                    UPDATE api_keys SET last_used_at = \(bind: date)
                    WHERE id = \(bind: id) AND (last_used_at IS NULL OR last_used_at < \(bind: date))
                    """
                ).run()
            }
        }
    }

    static let decoyHash = APIKeyToken.hash(secret: "decoy")

    static func find(_ idOrPublicID: String, on sql: any SQLDatabase) async throws -> APIKey? {
        try await sql.raw("\(select) WHERE k.id = \(bind: idOrPublicID) OR k.public_id = \(bind: idOrPublicID)").first().map(decode)
    }
}
