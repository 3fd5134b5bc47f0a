import BrokleCore
import Foundation
import SQLKit

/// Members' dashboard passwords: a bcrypt hash on the user's row (made by the caller; this store
/// never sees a password).
package struct UserCredentialStore: Sendable {
    package let database: Database

    package init(_ database: Database) {
        self.database = database
    }

    /// A user who can sign in: id, e-mail, name and the stored hash (nil: no password set).
    package struct Credential: Sendable, Equatable {
        package var userID: String
        package var email: String
        package var name: String?
        package var passwordHash: String?
    }

    /// Sets `email`'s password hash and ends every dashboard session the user has (a new password
    /// signs out the old ones). A user who is in no organization does not exist for this. The audit
    /// log gets one row (`user.set_password`, never the hash).
    @discardableResult
    package func setPassword(email: String, hash: String, now: Date = Date(), by actor: AuditActor) async throws(BrokleError)
        -> Credential
    {
        try await database.write("set the password of '\(email)'") { sql in
            guard let credential = try await Self.find(email: email, on: sql) else { throw Self.notFound(email) }
            try await sql.raw(
                "UPDATE users SET password_hash = \(bind: hash), password_set_at = \(bind: now) WHERE id = \(bind: credential.userID)"
            ).run()
            try await sql.raw(
                "UPDATE ui_sessions SET revoked_at = \(bind: now) WHERE user_id = \(bind: credential.userID) AND revoked_at IS NULL"
            ).run()
            try await AuditStore.record(
                AuditEvent(
                    .userSetPassword, by: actor, organizationID: nil, target: credential.email,
                    after: .object(["password_set": .bool(true)]), at: now),
                on: sql)
            return Credential(userID: credential.userID, email: credential.email, name: credential.name, passwordHash: hash)
        }
    }

    /// The user with `email` who belongs to at least one organization, if any.
    package func credential(email: String) async throws(BrokleError) -> Credential? {
        try await database.call("look up a user") { try await Self.find(email: email, on: database.sql) }
    }

    static func find(email: String, on sql: any SQLDatabase) async throws -> Credential? {
        try await sql.raw(
            """
            SELECT u.id, u.email, u.name, u.password_hash FROM users u
            WHERE u.email = \(bind: email) AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
            """
        ).first().map { row in
            Credential(
                userID: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                name: try row.decode(column: "name", as: String?.self),
                passwordHash: try row.decode(column: "password_hash", as: String?.self))
        }
    }

    package static func notFound(_ email: String) -> BrokleError {
        BrokleError(
            .notFound, "no member has the e-mail '\(email)'",
            hint: "`brokle orgs members add ORG --email EMAIL --role ROLE` adds one")
    }
}
