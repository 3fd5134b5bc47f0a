/// Secrets given a name: `password=…`, `DB_PASSWORD: …`, `"api_key": "…"`, `client_secret=…`,
/// `aws_secret_access_key = …`, and in a sentence: `my password is …`, `Mot de passe : …`,
/// `Mein Passwort ist …`, `Mi contraseña es …`, `パスワード: …`; and `mysql -p'…'`.
///
/// A name is a run of `[A-Za-z0-9_.-]` ending in a known word (after `_`, `-`, `.` or a camel-case
/// capital); then `=`, `:`, `:=` or `：`, or a word like "is" / "ist" / "es"; then a value, quoted or
/// bare. The finding is the value only: the name stays readable. An AWS secret key (40 bytes of
/// base64 after `…secret_access_key`) is named as one.
///
/// Not taken: placeholders (`***`, `xxx`, `<password>`, `${DB_PASSWORD}`, `your-key-here`, `null`),
/// passwords under four bytes and other values under eight, code (`token = text[from..<end]`,
/// `apiKey: String?`, `secret = fresh.secret`; see ``looksLikeCode(_:afterColon:)``), prose (`Password: please choose one`, a bare word followed by more
/// words), and after "is" or a word of another language only a value with a digit or a symbol in it
/// (`the password is required` is prose).
extension GuardrailScan {
    static let maxAssignedValue = 256

    /// A name ending that makes a setting a secret, and the detail it gives.
    private struct SecretName {
        let word: StaticString
        /// The word's last byte: most names are ruled out by it alone.
        let last: UInt8
        let detail: Detail

        init(_ word: StaticString, _ detail: Detail) {
            self.word = word
            last = word.withUTF8Buffer { $0[$0.count - 1] }
            self.detail = detail
        }
    }

    private enum Detail {
        case password, secret, apiKey, token, awsSecretKey

        var name: String {
            switch self {
            case .password: "password"
            case .secret: "secret"
            case .apiKey: "api_key"
            case .token: "token"
            case .awsSecretKey: "aws_secret_key"
            }
        }
    }

    private static let secretNames: [SecretName] = [
        SecretName("secret_access_key", .awsSecretKey), SecretName("password", .password), SecretName("passwd", .password),
        SecretName("pwd", .password), SecretName("pass", .password), SecretName("passwort", .password), SecretName("kennwort", .password),
        SecretName("passe", .password), SecretName("senha", .password), SecretName("wachtwoord", .password),
        SecretName("client_secret", .secret), SecretName("secret_key", .secret), SecretName("secretkey", .secret),
        SecretName("secret", .secret), SecretName("access_key", .secret), SecretName("private_key", .secret),
        SecretName("api_key", .apiKey), SecretName("api-key", .apiKey), SecretName("apikey", .apiKey), SecretName("token", .token),
        SecretName("credentials", .secret), SecretName("credential", .secret),
    ]

    /// Words for "password" that are not ASCII, as UTF-8.
    private static let unicodePasswordWords: [StaticString] = ["パスワード", "密码", "密碼", "пароль", "Пароль", "비밀번호"]

    mutating func scanAssignments() {
        var index = start
        if at(index - 1).isNameByte { index = runEnd(from: index) { $0.isNameByte } }
        while index < ownedEnd {
            let byte = bytes[index]
            if byte >= 0xC0 {
                index = unicodeKeyword(at: index)
                continue
            }
            guard byte.isASCIILetter else {
                index += 1
                continue
            }
            let name = index..<runEnd(from: index, cap: 64) { $0.isNameByte }
            index = name.upperBound
            if name.count == 64 {
                index = runEnd(from: index) { $0.isNameByte }
                continue
            }
            if let detail = secretDetail(name) {
                index = max(index, assignment(after: name.upperBound, detail: detail, sentence: false))
            } else if name.count == 1, bytes[name.lowerBound] == UInt8(ascii: "p"), at(name.lowerBound - 1) == UInt8(ascii: "-"),
                at(name.lowerBound - 2) <= 0x20
            {
                // `mysql -p'secret'`.
                index = max(index, assignment(after: name.upperBound, detail: .password, sentence: true, flag: true))
            } else if name.count >= 8, matchesIgnoringCase("contrase", at: name.upperBound - 8), matches("ña", at: name.upperBound) {
                index = max(name.upperBound + 3, assignment(after: name.upperBound + 3, detail: .password, sentence: true))
            }
        }
        steps &+= ownedEnd - start
    }

    /// A non-ASCII word for "password" at `index`: looks for its value, returns where to go on.
    private mutating func unicodeKeyword(at index: Int) -> Int {
        for word in Self.unicodePasswordWords where matches(word, at: index) {
            let end = index + word.utf8CodeUnitCount
            return max(end, assignment(after: end, detail: .password, sentence: true))
        }
        return index + 1
    }

    /// The detail for a name ending in a secret's word (whole, or after a separator or camel case).
    private func secretDetail(_ name: Range<Int>) -> Detail? {
        guard name.count >= 3 else { return nil }
        let last = bytes[name.upperBound - 1].asciiLowercased
        // Most words end in none of the names' last two letters: rule them out before the list.
        switch (bytes[name.upperBound - 2].asciiLowercased, last) {
        case (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "w"), UInt8(ascii: "d")), (UInt8(ascii: "s"), UInt8(ascii: "s")),
            (UInt8(ascii: "r"), UInt8(ascii: "t")), (UInt8(ascii: "s"), UInt8(ascii: "e")), (UInt8(ascii: "h"), UInt8(ascii: "a")),
            (UInt8(ascii: "e"), UInt8(ascii: "t")), (UInt8(ascii: "e"), UInt8(ascii: "y")), (UInt8(ascii: "e"), UInt8(ascii: "n")),
            (UInt8(ascii: "l"), UInt8(ascii: "s")), (UInt8(ascii: "a"), UInt8(ascii: "l")):
            break
        default:
            return nil
        }
        let names = Self.secretNames
        for index in names.indices where names[index].last == last {
            let word = names[index].word
            let count = word.utf8CodeUnitCount
            guard name.count >= count, matchesIgnoringCase(word, at: name.upperBound - count) else { continue }
            let wordStart = name.upperBound - count
            if wordStart == name.lowerBound { return names[index].detail }
            let before = bytes[wordStart - 1]
            if before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".") { return names[index].detail }
            if bytes[wordStart].isASCIIUpper, before.isASCIILower { return names[index].detail }
            return nil
        }
        return nil
    }

    /// The value after the name ending at `nameEnd`, if there is one; returns where the scan goes on
    /// (after a value it read, so a long value is read once). `sentence`: the name is a word of prose
    /// (another language's, or before "is"), so the value must look like a password. `flag`: the
    /// name is a command's `-p`, and a quoted value follows it directly.
    @discardableResult
    private mutating func assignment(after nameEnd: Int, detail: Detail, sentence: Bool, flag: Bool = false) -> Int {
        var index = nameEnd
        var sentence = sentence
        var operatorByte: UInt8 = 0
        if !flag {
            // A quoted name (`"password": …`, `\"password\": …`).
            if at(index) == UInt8(ascii: "\\") { index += 1 }
            if at(index) == UInt8(ascii: "\"") || at(index) == UInt8(ascii: "'") { index += 1 }
            while at(index) == UInt8(ascii: " ") || at(index) == UInt8(ascii: "\t") { index += 1 }
            operatorByte = at(index)
            if operatorByte == UInt8(ascii: "=") || operatorByte == UInt8(ascii: ":") {
                index += 1
                if operatorByte == UInt8(ascii: ":"), at(index) == UInt8(ascii: "=") { index += 1 }
                if at(index) == UInt8(ascii: "=") { return index }  // `==`: a comparison
            } else if matches("：", at: index) || matches("は", at: index) {
                index += 3
            } else if let word = connective(at: index) {
                index = word
                sentence = true
            } else {
                return nameEnd
            }
            while at(index) == UInt8(ascii: " ") || at(index) == UInt8(ascii: "\t") { index += 1 }
        }
        var escaped = false
        if at(index) == UInt8(ascii: "\\"), at(index + 1) == UInt8(ascii: "\"") {
            escaped = true
            index += 1
        }
        let quote = at(index)
        let quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`")
        if quoted { index += 1 }
        if flag && !quoted { return nameEnd }
        let first = index
        let end: Int
        if quoted {
            end = runEnd(from: first, cap: Self.maxAssignedValue + 1) { byte in
                byte != quote && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\\") && byte != 0
            }
            let closing = escaped ? at(end) == UInt8(ascii: "\\") && at(end + 1) == quote : at(end) == quote
            guard closing else { return end }
        } else {
            end = bareValueEnd(from: first)
            if looksLikeCode(first..<end, afterColon: operatorByte == UInt8(ascii: ":")) { return end }
            // Prose: a bare word followed by more words.
            if operatorByte == UInt8(ascii: ":") || sentence, at(end) == UInt8(ascii: " "), at(end + 1).isASCIILetter,
                bytes[first..<end].allSatisfy({ $0.isASCIILetter })
            {
                return end
            }
        }
        // A password may be short; a key or token is not.
        let shortest = detail == .password ? 4 : 8
        guard end - first >= shortest, end - first <= Self.maxAssignedValue, !isPlaceholder(first..<end) else { return end }
        if sentence {
            guard end - first >= 6, bytes[first..<end].contains(where: { !$0.isASCIILetter }) else { return end }
        }
        if detail == .awsSecretKey {
            add(.secret, end - first == 40 ? detail.name : "secret", first..<end, end - first == 40 ? 0.95 : 0.85)
        } else {
            add(.secret, detail.name, first..<end, 0.85)
        }
        return end
    }

    /// After `is`, `es`, `ist`, `est`, `was` and a space: where the value starts.
    private func connective(at index: Int) -> Int? {
        for word in ["is ", "es ", "ist ", "est ", "was ", "war ", "era "] as [StaticString] where matchesIgnoringCase(word, at: index) {
            return index + word.utf8CodeUnitCount
        }
        return nil
    }
}

extension UInt8 {
    /// `[A-Za-z0-9_.-]`: what a setting's name is made of.
    var isNameByte: Bool { isTokenByte || self == UInt8(ascii: ".") }
}
