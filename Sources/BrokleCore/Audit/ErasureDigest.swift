import Crypto

/// How the audit log names an erased end user or session: HMAC-SHA-256 of the id under a key the
/// database made for itself (migration 0018, `installation_secrets`), 128 bits in hex. Two purges
/// of the same id read the same, and whoever holds the key can check an id against a row, but a
/// reader of the audit log cannot test guesses against it as they could a plain hash.
package struct ErasureDigest: Sendable {
    private let key: SymmetricKey

    package init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    package func name(_ id: String) -> String {
        Hex.string(bytes: Array(HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: key).prefix(16)))
    }
}
