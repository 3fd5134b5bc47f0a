/// Slack incoming-webhook URLs, `https://hooks.slack.com/services/T…/B…/…`: the URL with its
/// scheme when written, its path at least 20 bytes.
extension GuardrailScan {
    mutating func scanSlackWebhooks() {
        var index = start
        while index < ownedEnd {
            // `hooks.` ruled out by two bytes before the whole literal is compared.
            guard bytes[index] == UInt8(ascii: "h"), at(index + 5) == UInt8(ascii: "."), at(index + 1) == UInt8(ascii: "o"),
                matches("hooks.slack.com/services/", at: index), !at(index - 1).isWordByte
            else {
                index += 1
                continue
            }
            let pathStart = index + 25
            let end = runEnd(from: pathStart, cap: Self.maxTokenBytes) { $0.isTokenByte || $0 == UInt8(ascii: "/") }
            if end - pathStart >= 20 {
                let first = matches("https://", at: index - 8) ? index - 8 : matches("http://", at: index - 7) ? index - 7 : index
                add(.secret, "slack_webhook", first..<end, 0.99)
            }
            index = max(index + 1, end)
        }
        steps &+= ownedEnd - start
    }
}
