/// What an organization pays for; limits and budgets will key off it.
package enum Plan: String, Sendable, CaseIterable, Codable {
    case free, pro, business, enterprise
}
