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
        if plan.email { scanEmails() }
        if plan.phone { scanPhones() }
        if plan.card { scanCards() }
        if plan.iban { scanIBANs() }
        if plan.ssn { scanSSNs() }
        if plan.ip {
            scanIPv4()
            scanIPv6()
        }
        if plan.secret {
            scanTokens()
            scanSlackWebhooks()
            scanPEMs()
            scanAssignments()
            scanURLCredentials()
        }
    }
}
