/// Pairs of words that ask for opposite things: listed pairs (`on`/`off`, `buy`/`sell`), and a word
/// against itself with a negating prefix (`lock`/`unlock`, `able`/`unable`, `valid`/`invalid`).
enum Opposites {
    /// True when a word that is in only one of the two prompts has its opposite in the other; a word
    /// both share is not a difference (`enable then disable` and `disable then enable`).
    static func separate(_ a: [String], _ b: [String]) -> Bool {
        let setA = Set(a)
        let setB = Set(b)
        for word in setA.subtracting(setB) where setB.contains(where: { areOpposite(word, $0) }) { return true }
        for word in setB.subtracting(setA) where setA.contains(where: { areOpposite(word, $0) }) { return true }
        return false
    }

    /// Also across word forms: `enables`/`disabled`, `increasing`/`decreases`.
    static func areOpposite(_ x: String, _ y: String) -> Bool {
        guard x != y else { return false }
        let formsY = forms(y)
        for formX in forms(x) {
            for formY in formsY where formX != formY {
                if listed[formX]?.contains(formY) == true || isPrefixed(formX, of: formY) || isPrefixed(formY, of: formX) { return true }
            }
        }
        return false
    }

    /// The word, and the word without an inflection (`-s`, `-es`, `-ed`, `-d`, `-ing`, `-er`, `-est`,
    /// with and without a final `e` restored).
    private static func forms(_ word: String) -> [String] {
        var forms = [word]
        for suffix in ["ing", "ed", "es", "s", "d", "er", "est"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            forms.append(stem)
            if suffix == "ing" || suffix == "ed" { forms.append(stem + "e") }
        }
        return forms
    }

    /// `longer` is a negating prefix and `base`; `in` only before a base of four letters or more, so
    /// `into` and `to` stay apart.
    private static func isPrefixed(_ longer: String, of base: String) -> Bool {
        guard base.count >= 3 else { return false }
        for prefix in prefixes where longer.count == prefix.count + base.count && longer.hasPrefix(prefix) && longer.hasSuffix(base) {
            if (prefix == "in" || prefix == "im") && base.count < 4 { continue }
            return true
        }
        return false
    }

    private static let prefixes = ["dis", "un", "in", "im", "il", "ir", "non", "de", "anti"]

    private static let pairs: [(String, String)] = [
        ("enable", "disable"), ("enabled", "disabled"), ("allow", "deny"), ("allow", "block"), ("allow", "forbid"), ("like", "hate"),
        ("include", "exclude"), ("including", "excluding"), ("increase", "decrease"), ("increase", "reduce"), ("add", "remove"),
        ("add", "subtract"), ("add", "delete"), ("insert", "delete"), ("create", "delete"), ("create", "destroy"), ("on", "off"),
        ("up", "down"), ("upper", "lower"), ("uppercase", "lowercase"), ("before", "after"), ("min", "max"),
        ("minimum", "maximum"), ("minimize", "maximize"), ("encrypt", "decrypt"), ("encode", "decode"), ("upload", "download"),
        ("import", "export"), ("accept", "reject"), ("true", "false"), ("yes", "no"), ("open", "close"), ("opened", "closed"),
        ("start", "stop"), ("start", "end"), ("begin", "end"), ("first", "last"), ("buy", "sell"), ("push", "pull"),
        ("send", "receive"), ("input", "output"), ("inbound", "outbound"), ("ingress", "egress"), ("read", "write"),
        ("get", "set"), ("show", "hide"), ("visible", "hidden"), ("public", "private"), ("success", "failure"), ("pass", "fail"),
        ("win", "lose"), ("gain", "loss"), ("profit", "loss"), ("more", "less"), ("more", "fewer"), ("most", "least"),
        ("higher", "lower"), ("high", "low"), ("highest", "lowest"), ("larger", "smaller"), ("largest", "smallest"),
        ("bigger", "smaller"), ("biggest", "smallest"), ("longer", "shorter"), ("longest", "shortest"), ("long", "short"),
        ("faster", "slower"), ("fastest", "slowest"), ("fast", "slow"), ("older", "newer"), ("oldest", "newest"), ("old", "new"),
        ("ascending", "descending"), ("asc", "desc"), ("above", "below"), ("over", "under"), ("inside", "outside"),
        ("internal", "external"), ("left", "right"), ("top", "bottom"), ("north", "south"), ("east", "west"), ("in", "out"),
        ("login", "logout"), ("signin", "signout"), ("subscribe", "unsubscribe"), ("connect", "disconnect"), ("join", "leave"),
        ("attach", "detach"), ("mount", "unmount"), ("install", "uninstall"), ("grant", "revoke"), ("approve", "reject"),
        ("approve", "deny"), ("compress", "decompress"), ("zip", "unzip"), ("serialize", "deserialize"), ("merge", "split"),
        ("sync", "async"), ("synchronous", "asynchronous"), ("mutable", "immutable"), ("before", "since"),
        ("to", "from"), ("with", "without"), ("always", "never"), ("all", "none"), ("everyone", "nobody"), ("positive", "negative"),
        ("plus", "minus"), ("multiply", "divide"), ("expand", "collapse"), ("forward", "backward"), ("next", "previous"),
        ("earliest", "latest"), ("early", "late"), ("hot", "cold"), ("warm", "cold"), ("light", "dark"), ("white", "black"),
        ("allowlist", "denylist"), ("whitelist", "blacklist"), ("online", "offline"), ("up", "down"), ("horizontal", "vertical"),
        ("row", "column"), ("rows", "columns"), ("client", "server"), ("frontend", "backend"), ("sender", "recipient"),
        ("debit", "credit"), ("import", "export"), ("imports", "exports"), ("lock", "unlock"), ("freeze", "unfreeze"),
        ("pause", "resume"), ("suspend", "resume"), ("lend", "borrow"), ("asc", "descending"), ("ascending", "desc"),
        ("inner", "outer"), ("union", "intersection"), ("encryption", "decryption"), ("upgrade", "downgrade"),
        ("upvote", "downvote"), ("scale", "shrink"), ("rise", "fall"), ("raise", "lower"), ("strong", "weak"), ("good", "bad"),
        ("best", "worst"), ("better", "worse"), ("easy", "hard"), ("simple", "complex"), ("cheap", "expensive"),
        ("cheapest", "priciest"), ("accept", "decline"), ("agree", "disagree"), ("love", "hate"), ("pros", "cons"),
        ("advantages", "disadvantages"), ("benefits", "drawbacks"), ("strengths", "weaknesses"), ("males", "females"),
        ("male", "female"), ("men", "women"), ("dynamic", "static"),
        ("dynamically", "statically"), ("buyer", "seller"), ("buying", "selling"), ("bought", "sold"),
    ]

    private static let listed: [String: Set<String>] = {
        var listed: [String: Set<String>] = [:]
        for (x, y) in pairs {
            listed[x, default: []].insert(y)
            listed[y, default: []].insert(x)
        }
        return listed
    }()
}
