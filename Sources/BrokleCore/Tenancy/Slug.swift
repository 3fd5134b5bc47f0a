/// Organization, project and environment names as they appear in paths (`acme/web/production`):
/// lower-case letters, digits and dashes, 2–63 characters, starting and ending with a letter or digit.
package enum Slug {
    package static func validate(_ text: String, what: String) throws(BrokleError) -> String {
        let scalars = text.unicodeScalars
        let allowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...63).contains(scalars.count), allowed, scalars.first != "-", scalars.last != "-" else {
            throw BrokleError(
                .usage, "invalid \(what) slug '\(text)'",
                hint: "use 2-63 lower-case letters, digits and dashes, starting and ending with a letter or digit"
            )
        }
        return text
    }
}
