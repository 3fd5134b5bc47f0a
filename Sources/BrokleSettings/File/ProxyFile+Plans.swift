import BrokleCore
import Foundation
import Yams

extension ProxyFile {
    /// One field of `plans.<plan>`: a count, or no limit (`null`, `unlimited`).
    enum QuotaValue: Decodable, Equatable {
        case count(Int)
        case unlimited
        case invalid(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .unlimited
            } else if let number = try? container.decode(Int.self) {
                self = .count(number)
            } else {
                let text = (try? container.decode(String.self)) ?? "?"
                self = text == "unlimited" ? .unlimited : .invalid(text)
            }
        }
    }

    /// `plans:` — per plan, `monthly_requests` and `members` overriding ``PlanQuota/shipped``; a
    /// field not given keeps the shipped value. Errors name the file and the key.
    static func planQuotas(_ plans: [String: [String: QuotaValue]]?, source: String) throws(BrokleError) -> [Plan: PlanQuota] {
        var quotas = PlanQuota.shipped
        for (name, fields) in (plans ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let plan = Plan(rawValue: name) else {
                throw bad(source, "plans.\(name)", "unknown plan (use \(Plan.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var quota = quotas[plan] ?? PlanQuota(monthlyRequests: nil, members: nil)
            for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
                let key = "plans.\(name).\(field)"
                let limit: Int?
                switch value {
                case .count(let number) where number >= 0: limit = number
                case .count(let number): throw bad(source, key, "\(number) is negative (use a count, or null / unlimited for no limit)")
                case .unlimited: limit = nil
                case .invalid(let text): throw bad(source, key, "'\(text)' is not a count (use a whole number, or null / unlimited)")
                }
                switch field {
                case "monthly_requests": quota.monthlyRequests = limit
                case "members": quota.members = limit
                default: throw bad(source, key, "unknown field (use monthly_requests, members)")
                }
            }
            quotas[plan] = quota
        }
        return quotas
    }

    /// Only the `plans:` section of a brokle.yaml (for commands that need nothing else, so the
    /// other sections' `${VAR}`s need not be set); the shipped table when it has none.
    static func loadPlans(path: String, lookup: (String) -> String?) throws(BrokleError) -> [Plan: PlanQuota] {
        let raw = try read(path)
        let section: String
        do {
            guard let node = try Yams.compose(yaml: raw)?["plans"] else { return PlanQuota.shipped }
            section = try Yams.serialize(node: node)
        } catch {
            throw BrokleError(.config, "\(path): \(error)")
        }
        let text = try VariableExpansion.expand(section, source: path, lookup: lookup)
        let plans: [String: [String: QuotaValue]]?
        do {
            plans = try YAMLDecoder().decode([String: [String: QuotaValue]]?.self, from: text)
        } catch let error as DecodingError {
            throw BrokleError(.config, "\(path): plans: \(describe(error))")
        } catch {
            throw BrokleError(.config, "\(path): plans: \(error)")
        }
        return try planQuotas(plans, source: path)
    }
}
