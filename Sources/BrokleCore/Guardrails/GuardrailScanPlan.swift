/// Which scanners a detection runs: those of the entities asked for.
struct GuardrailScanPlan {
    var email = true
    var phone = true
    var card = true
    var iban = true
    var ssn = true
    var ip = true
    var secret = true

    init(_ only: Set<GuardrailEntity>?) {
        guard let only else { return }
        email = only.contains(.email)
        phone = only.contains(.phone)
        card = only.contains(.card)
        iban = only.contains(.iban)
        ssn = only.contains(.ssn)
        ip = only.contains(.ip)
        secret = only.contains(.secret)
    }
}

extension GuardrailScan {
    mutating func run(_ plan: GuardrailScanPlan) {
        // Scanners whose every value holds a byte the window does not have are skipped: most
        // prose has no `@` and no `:`, so its emails, IPv6 addresses and URL credentials cost one
        // pass that looks for the bytes, not one pass each.
        let present = presentBytes()
        if plan.email && present.at { scanEmails() }
        if plan.phone { scanPhones() }
        if plan.card { scanCards() }
        if plan.iban { scanIBANs() }
        if plan.ssn { scanSSNs() }
        if plan.ip {
            scanIPv4()
            if present.colon { scanIPv6() }
        }
        if plan.secret {
            scanTokens()
            if present.slash { scanSlackWebhooks() }
            if present.dash { scanPEMs() }
            scanAssignments()
            if present.colon && present.at { scanURLCredentials() }
        }
    }

    /// Which of the bytes some scanners need the window (`start..<limit`) holds.
    private mutating func presentBytes() -> (at: Bool, colon: Bool, slash: Bool, dash: Bool) {
        var at = false, colon = false, slash = false, dash = false
        for index in start..<limit {
            switch bytes[index] {
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: ":"): colon = true
            case UInt8(ascii: "/"): slash = true
            case UInt8(ascii: "-"): dash = true
            default: continue
            }
        }
        steps &+= limit - start
        return (at, colon, slash, dash)
    }
}
