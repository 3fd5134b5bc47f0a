/// `0003_add_budgets.up.sql` → version 3, name `add_budgets`, up.
package struct MigrationFileName: Sendable, Equatable {
    package var version: Int
    package var name: String
    package var isUp: Bool

    package init?(_ fileName: String) {
        let isUp: Bool
        let stem: Substring
        if fileName.hasSuffix(".up.sql") {
            isUp = true
            stem = fileName.dropLast(".up.sql".count)
        } else if fileName.hasSuffix(".down.sql") {
            isUp = false
            stem = fileName.dropLast(".down.sql".count)
        } else {
            return nil
        }
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = String(stem[stem.index(after: underscore)...])
        guard digits.count >= 4, digits.allSatisfy(\.isASCIIDigit), let version = Int(digits), version > 0,
            MigrationFileName.isValidName(name)
        else { return nil }
        self.version = version
        self.name = name
        self.isUp = isUp
    }

    /// Lower-case letters, digits and underscores, starting with a letter.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.count <= 100 && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
