import Crypto
import Foundation

/// The text of a virtual API key, `bk_<public id>_<secret>`.
///
/// The public id (13 characters, 64 random bits) finds the key's row; the secret (40 characters,
/// 200 random bits from the system CSPRNG) proves possession. Only the SHA-256 of the secret is
/// stored, so a database dump holds no usable key.
package struct APIKeyToken: Sendable, Equatable {
    package let publicID: String
    package let secret: String

    package static let prefix = "bk_"

    /// A new key from the system's cryptographically secure random source.
    package static func generate() -> APIKeyToken {
        var generator = SystemRandomNumberGenerator()
        return APIKeyToken(publicID: Base32.encode(randomBytes(8, &generator)), secret: Base32.encode(randomBytes(25, &generator)))
    }

    /// Parses presented text; nil for anything that is not shaped like a Brokle key.
    package init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, Base32.isValid(parts[0], length: 13), Base32.isValid(parts[1], length: 40) else { return nil }
        publicID = String(parts[0])
        secret = String(parts[1])
    }

    package init(publicID: String, secret: String) {
        self.publicID = publicID
        self.secret = secret
    }

    /// The full key, as given to the user once.
    package var text: String { Self.prefix + publicID + "_" + secret }

    /// What may be shown later to recognise the key: `bk_<public id>_…`.
    package static func redacted(publicID: String) -> String { prefix + publicID + "_…" }

    /// Lower-case hex SHA-256 of the secret: what the database stores.
    package var secretHash: String { Self.hash(secret: secret) }

    package static func hash(secret: String) -> String {
        Hex.string(bytes: Array(SHA256.hash(data: Data(secret.utf8))))
    }

    /// Whether this key's secret hashes to `storedHash`, comparing in constant time.
    package func matches(storedHash: String) -> Bool {
        ConstantTime.equal(Array(secretHash.utf8), Array(storedHash.utf8))
    }

    private static func randomBytes(_ count: Int, _ generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
