extension GuardrailEntity {
    /// The key of a policy's rules that is no entity: the action of every entity not named.
    package static let fallbackKey = "default"

    /// Whether `name` can name an entity: `[a-z0-9_]`, 1 to 32 bytes, and not `default`.
    package static func isValidName(_ name: String) -> Bool {
        let utf8 = name.utf8
        return (1...32).contains(utf8.count) && name != fallbackKey
            && utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_")
            }
    }

    /// The entity named `name`, or an error saying what a name may be.
    package init(validating name: String) throws(GuardrailPolicyError) {
        guard Self.isValidName(name) else {
            throw GuardrailPolicyError(
                name == Self.fallbackKey
                    ? "'default' is not an entity name (it sets the action of every entity not named)"
                    : "invalid entity name '\(name)' (use 1 to 32 lower-case letters, digits and _)")
        }
        self.init(name)
    }

    /// The entities every policy may name without configuration: the built-in ones and `deny`.
    package static let alwaysKnown: Set<GuardrailEntity> = Set(builtIn + [.deny])
}
