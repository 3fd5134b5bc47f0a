/// What a guardrail finding is: one of the built-in kinds, a custom entity from brokle.yaml, or a
/// deny-list phrase. Its name is what policies, placeholders (`[EMAIL_1]`), the
/// `x-brokle-guardrails` header, traces and metrics use.
package struct GuardrailEntity: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Lower-case, `[a-z0-9_]`, at most 32 bytes.
    package let name: String

    package init(_ name: String) { self.name = name }

    package static let email = GuardrailEntity("email")
    package static let phone = GuardrailEntity("phone")
    package static let card = GuardrailEntity("card")
    package static let iban = GuardrailEntity("iban")
    package static let ssn = GuardrailEntity("ssn")
    /// IPv4 and IPv6 addresses (the finding's detail says which).
    package static let ip = GuardrailEntity("ip")
    /// API keys, tokens, private keys and `password=…` values (the detail names the format).
    package static let secret = GuardrailEntity("secret")
    /// A phrase of a policy's deny-list.
    package static let deny = GuardrailEntity("deny")

    /// The entities the detector knows without configuration.
    package static let builtIn: [GuardrailEntity] = [.email, .phone, .card, .iban, .ssn, .ip, .secret]

    /// The placeholder's stem: `EMAIL` in `[EMAIL_1]`.
    package var placeholderStem: String { name.uppercased() }

    package var description: String { name }

    package static func < (lhs: GuardrailEntity, rhs: GuardrailEntity) -> Bool { lhs.name < rhs.name }
}
