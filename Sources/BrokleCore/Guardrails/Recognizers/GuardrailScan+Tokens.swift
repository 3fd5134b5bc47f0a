/// API keys and tokens known by their prefix: Brokle (`bk_`), OpenAI (`sk-`, `sk-proj-`,
/// `sk-svcacct-`), Anthropic (`sk-ant-`), AWS access key ids (`AKIA`, `ASIA`), GitHub (`ghp_`,
/// `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), Slack (`xox?-`), Stripe (`sk_live_`, `rk_test_`,
/// …), Google (`AIza`), JWTs (`eyJ…` in three dotted segments) and `Bearer` credentials.
///
/// Keys are whole runs of `[A-Za-z0-9_-]`: the scan walks the runs once and only looks at one
/// where it starts, so each byte is read once (a JWT's later segments twice). A run longer than
/// ``maxTokenBytes`` is no key (`sk-sk-sk-…` is not one long key).
extension GuardrailScan {
    static let maxTokenBytes = 512
    /// A JWT's three segments and their dots together.
    static let maxJWTBytes = 8192

    mutating func scanTokens() {
        var index = start
        // A run that began in the previous window belongs to it.
        if at(index - 1).isTokenByte { index = runEnd(from: index) { $0.isTokenByte } }
        while index < ownedEnd {
            guard bytes[index].isTokenByte else {
                index += 1
                continue
            }
            let run = index..<runEnd(from: index) { $0.isTokenByte }
            index = max(run.upperBound, token(run))
        }
        steps &+= ownedEnd - start
    }

    /// Adds the key `run` is, if it is one; returns where the scan goes on.
    private mutating func token(_ run: Range<Int>) -> Int {
        let first = run.lowerBound
        let length = run.count
        if length == 6, bytes[first] | 0x20 == UInt8(ascii: "b"), matchesIgnoringCase("bearer", at: first) {
            bearer(after: run)
            return run.upperBound
        }
        guard length >= 8 else { return run.upperBound }
        if bytes[first] == UInt8(ascii: "e"), matches("eyJ", at: first) { return jwt(run) }
        guard length <= Self.maxTokenBytes, let key = prefixedKey(run) else { return run.upperBound }
        let detail = key.detail
        let body = key.bodyStart..<run.upperBound
        guard isKeyBody(body, detail: detail) else { return run.upperBound }
        add(.secret, detail, run, 0.99)
        return run.upperBound
    }

    /// The format a run's prefix names, and where the random part begins.
    private func prefixedKey(_ run: Range<Int>) -> (detail: String, bodyStart: Int)? {
        let first = run.lowerBound
        switch bytes[first] {
        case UInt8(ascii: "b"):
            return matches("bk_", at: first) ? ("brokle_key", first + 3) : nil
        case UInt8(ascii: "s"):
            if matches("sk-ant-", at: first) {
                let body = run.upperBound - first
                return body >= 40 ? ("anthropic_key", first + 7) : nil
            }
            if matches("sk_live_", at: first) || matches("sk_test_", at: first) { return ("stripe_key", first + 8) }
            guard matches("sk-", at: first) else { return nil }
            for kind in ["proj-", "svcacct-", "admin-", "None-"] as [StaticString] where matches(kind, at: first + 3) {
                return ("openai_key", first + 3 + kind.utf8CodeUnitCount)
            }
            return ("openai_key", first + 3)
        case UInt8(ascii: "r"), UInt8(ascii: "p"):
            guard matches("k_live_", at: first + 1) || matches("k_test_", at: first + 1) else { return nil }
            return ("stripe_key", first + 8)
        case UInt8(ascii: "A"):
            if matches("AKIA", at: first) || matches("ASIA", at: first) { return ("aws_access_key", first + 4) }
            return matches("AIza", at: first) ? ("google_api_key", first + 4) : nil
        case UInt8(ascii: "g"):
            if matches("github_pat_", at: first) { return ("github_token", first + 11) }
            guard matches("gh", at: first), at(first + 3) == UInt8(ascii: "_") else { return nil }
            switch at(first + 2) {
            case UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "s"), UInt8(ascii: "r"):
                return ("github_token", first + 4)
            default: return nil
            }
        case UInt8(ascii: "x"):
            guard matches("xox", at: first), at(first + 4) == UInt8(ascii: "-") else { return nil }
            switch at(first + 3) {
            case UInt8(ascii: "b"), UInt8(ascii: "p"), UInt8(ascii: "a"), UInt8(ascii: "r"), UInt8(ascii: "s"), UInt8(ascii: "e"):
                return ("slack_token", first + 5)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Whether the part after the prefix is as long as the format's and random-looking: letters and
    /// digits both (`sk-learn-tutorial` is no key).
    private func isKeyBody(_ body: Range<Int>, detail: String) -> Bool {
        var letters = 0
        var digits = 0
        var upper = 0
        for index in body {
            let byte = bytes[index]
            if byte.isASCIIDigit { digits += 1 } else if byte.isASCIILetter { letters += 1 }
            if byte.isASCIIUpper { upper += 1 }
        }
        let length = body.count
        switch detail {
        case "brokle_key":
            // `<13 base32>_<40 base32>`, lower-case.
            guard length == 54, bytes[body.lowerBound + 13] == UInt8(ascii: "_") else { return false }
            for index in body where index != body.lowerBound + 13 {
                let byte = bytes[index]
                guard byte.isASCIILower || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(byte) else { return false }
            }
            return true
        case "aws_access_key": return length == 16 && upper + digits == 16
        case "google_api_key": return length == 35
        case "github_token": return length >= 30 && letters > 0 && digits > 0
        case "slack_token": return length >= 10 && digits > 0
        case "stripe_key": return length >= 16 && letters > 0 && digits > 0
        default: return length >= 20 && letters > 0 && digits > 0
        }
    }

    /// A JWT: `eyJ…` (a header that decodes to `{"`), a dot, the payload, a dot and the signature.
    /// Returns where the scan goes on: after the token, or after its first segment.
    private mutating func jwt(_ header: Range<Int>) -> Int {
        guard header.count >= 10, at(header.upperBound) == UInt8(ascii: ".") else { return header.upperBound }
        let payloadEnd = runEnd(from: header.upperBound + 1, cap: Self.maxJWTBytes) { $0.isTokenByte }
        guard payloadEnd - header.upperBound > 10, at(payloadEnd) == UInt8(ascii: ".") else { return header.upperBound }
        let signatureEnd = runEnd(from: payloadEnd + 1, cap: Self.maxJWTBytes) { $0.isTokenByte }
        let signature = signatureEnd - payloadEnd - 1
        guard signatureEnd - header.lowerBound <= Self.maxJWTBytes, !at(signatureEnd).isTokenByte else { return header.upperBound }
        if signature >= 16 {
            add(.secret, "jwt", header.lowerBound..<signatureEnd, 0.95)
        } else if signature == 0, matches("eyJ", at: header.upperBound + 1) {
            add(.secret, "jwt", header.lowerBound..<(payloadEnd + 1), 0.9)
        } else {
            return header.upperBound
        }
        return signatureEnd
    }

    /// `Bearer <credential>`: the credential, 20 or more bytes of the RFC 6750 alphabet.
    private mutating func bearer(after word: Range<Int>) {
        guard at(word.upperBound) == UInt8(ascii: " ") else { return }
        let first = word.upperBound + 1
        let end = runEnd(from: first, cap: Self.maxTokenBytes + 1) { byte in
            byte.isTokenByte || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
        }
        guard end - first >= 20, end - first <= Self.maxTokenBytes, !at(end).isTokenByte else { return }
        var digits = false
        for index in first..<end where bytes[index].isASCIIDigit {
            digits = true
            break
        }
        guard digits else { return }
        add(.secret, "bearer_token", first..<end, 0.9)
    }
}
