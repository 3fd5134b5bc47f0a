/// A dashboard secret: a session id (the `brokle_session` cookie) or a one-time sign-in link's
/// token. 256 random bits written as 52 base32 letters, stored only as their SHA-256, so the
/// database holds nothing that signs anybody in.
package struct SignInSecret: Sendable, Equatable {
    package let value: String

    package init(value: String) {
        self.value = value
    }

    /// A new secret from the system's cryptographic generator.
    package static func make() -> SignInSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SignInSecret(value: Base32.encode(bytes))
    }

    /// What the database stores: lower-case hex SHA-256.
    package var hash: String { Self.hash(value) }

    package static func hash(_ value: String) -> String {
        APIKeyToken.hash(secret: value)
    }

    /// Whether `text` has a secret's shape (so junk is refused before any lookup).
    package static func isWellFormed(_ text: Substring) -> Bool {
        Base32.isValid(text, length: 52)
    }
}
