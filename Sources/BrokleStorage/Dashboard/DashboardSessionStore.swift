import BrokleCore
import Foundation
import SQLKit

/// Dashboard sessions and one-time sign-in links, each stored as the SHA-256 of its secret
/// (``SignInSecret``). A session ends when it expires, when its member signs out, when a new
/// password is set, or when the user is deleted (cascade); a link works once, before it expires.
package struct DashboardSessionStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// A signed-in member: who, the session's CSRF token, and when it ends.
    package struct Session: Sendable, Equatable {
        package var userID: String
        package var email: String
        package var name: String?
        package var csrfToken: String
        package var expiresAt: Date
    }

    /// Stores a session for `userID` whose cookie holds `secret`, and returns it as ``session(_:now:)``
    /// would read it (nil when the user went in the meantime).
    package func open(
        _ secret: SignInSecret, userID: String, csrfToken: String, origin: String?, lifetime: Duration, now: Date = Date()
    ) async throws(BrokleError) -> Session? {
        let expires = now.addingTimeInterval(lifetime.seconds)
        return try await database.write("open a dashboard session") { sql in
            try await sql.raw(
                """
                INSERT INTO ui_sessions (id_hash, user_id, csrf_token, origin, created_at, expires_at)
                VALUES (\(bind: secret.hash), \(bind: userID), \(bind: csrfToken), \(bind: origin), \(bind: now), \(bind: expires))
                """
            ).run()
            // Expired sessions and links go as new ones come: the tables stay small.
            try await sql.raw("DELETE FROM ui_sessions WHERE expires_at < \(bind: now)").run()
            try await sql.raw("DELETE FROM ui_sign_in_links WHERE expires_at < \(bind: now)").run()
            return try await Self.find(hash: secret.hash, now: now, on: sql)
        }
    }

    /// The live session whose cookie holds `value`, if any (none for a malformed value).
    package func session(_ value: Substring, now: Date = Date()) async throws(BrokleError) -> Session? {
        guard SignInSecret.isWellFormed(value) else { return nil }
        let hash = SignInSecret.hash(String(value))
        return try await database.call("read a dashboard session") { try await Self.find(hash: hash, now: now, on: database.sql) }
    }

    /// The live session stored under `hash`, with its user's e-mail and name.
    static func find(hash: String, now: Date, on sql: any SQLDatabase) async throws -> Session? {
        try await sql.raw(
            """
            SELECT s.user_id, u.email, u.name, s.csrf_token, s.expires_at FROM ui_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = \(bind: hash) AND s.revoked_at IS NULL AND s.expires_at > \(bind: now)
            """
        ).first().map { row in
            Session(
                userID: try row.decode(column: "user_id", as: String.self), email: try row.decode(column: "email", as: String.self),
                name: try row.decode(column: "name", as: String?.self), csrfToken: try row.decode(column: "csrf_token", as: String.self),
                expiresAt: try row.decode(column: "expires_at", as: Date.self))
        }
    }

    /// Ends the session whose cookie holds `value` (signing out). Returns whether one was live.
    @discardableResult
    package func revoke(_ value: Substring, now: Date = Date()) async throws(BrokleError) -> Bool {
        guard SignInSecret.isWellFormed(value) else { return false }
        let hash = SignInSecret.hash(String(value))
        return try await database.write("end a dashboard session") { sql in
            let rows = try await sql.raw(
                "UPDATE ui_sessions SET revoked_at = \(bind: now) WHERE id_hash = \(bind: hash) AND revoked_at IS NULL RETURNING user_id"
            ).all()
            return !rows.isEmpty
        }
    }

    /// Stores a one-time sign-in link for `userID`.
    package func issueLink(_ secret: SignInSecret, userID: String, lifetime: Duration, now: Date = Date()) async throws(BrokleError) {
        let expires = now.addingTimeInterval(lifetime.seconds)
        try await database.write("make a sign-in link") { sql in
            try await sql.raw(
                """
                INSERT INTO ui_sign_in_links (token_hash, user_id, created_at, expires_at)
                VALUES (\(bind: secret.hash), \(bind: userID), \(bind: now), \(bind: expires))
                """
            ).run()
        }
    }

    /// Uses the link whose token is `value`: its user's id if it was unused and unexpired (and
    /// marks it used in the same statement, so two tabs cannot both use it), else nil.
    package func redeemLink(_ value: Substring, now: Date = Date()) async throws(BrokleError) -> String? {
        guard SignInSecret.isWellFormed(value) else { return nil }
        let hash = SignInSecret.hash(String(value))
        return try await database.write("use a sign-in link") { sql in
            try await sql.raw(
                """
                UPDATE ui_sign_in_links SET used_at = \(bind: now)
                WHERE token_hash = \(bind: hash) AND used_at IS NULL AND expires_at > \(bind: now) RETURNING user_id
                """
            ).first()?.decode(column: "user_id", as: String.self)
        }
    }
}
