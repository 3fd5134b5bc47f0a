extension GuardrailEntity {
    /// What a person calls a value of this entity, for error messages: never the value itself.
    package var phrase: String {
        switch name {
        case "email": "an email address"
        case "phone": "a phone number"
        case "card": "a payment card number"
        case "iban": "an IBAN"
        case "ssn": "a US social security number"
        case "ip": "an IP address"
        case "secret": "a secret (an API key, token, private key or password)"
        case "deny": "a phrase on the deny-list"
        default: "a value of the entity '\(name)'"
        }
    }
}
