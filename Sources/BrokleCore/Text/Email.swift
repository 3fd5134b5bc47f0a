/// Member e-mail addresses, compared case-insensitively (stored lower-cased).
package enum Email {
    package static func normalize(_ text: String) throws(BrokleError) -> String {
        let email = text.trimmingSQLWhitespace().lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else {
            throw BrokleError(.usage, "invalid e-mail address '\(text)'")
        }
        return email
    }
}
