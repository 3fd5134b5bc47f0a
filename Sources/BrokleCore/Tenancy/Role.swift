/// A member's role in an organization, from most to least powerful.
package enum Role: String, Sendable, CaseIterable, Codable {
    case owner, admin, developer, viewer
}
