import Foundation

/// What an organization pays for; limits and budgets will key off it.
public enum Plan: String, Sendable, CaseIterable, Codable {
    case free, pro, business, enterprise
}

/// A member's role in an organization, from most to least powerful.
public enum Role: String, Sendable, CaseIterable, Codable {
    case owner, admin, developer, viewer
}

public struct Organization: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var plan: Plan
    public var createdAt: Date
    public var updatedAt: Date
}

public struct Project: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var orgSlug: String
    public var slug: String
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
}

public struct Environment: Sendable, Equatable {
    public var id: String
    public var projectID: String
    public var orgSlug: String
    public var projectSlug: String
    public var slug: String
    public var createdAt: Date
}

public struct Member: Sendable, Equatable {
    public var orgSlug: String
    public var userID: String
    public var email: String
    public var name: String?
    public var role: Role
    public var createdAt: Date
}

/// New identifiers: random UUIDs, lower-case, so they sort and compare the same everywhere.
public enum Identifier {
    public static func make() -> String { UUID().uuidString.lowercased() }
}
