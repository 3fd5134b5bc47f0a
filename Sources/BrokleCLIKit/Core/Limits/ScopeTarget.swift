/// A scope found in the database: its id (what `limits` and `budgets` rows key on), the
/// organization it belongs to, and its path for printing.
public struct ScopeTarget: Sendable, Equatable {
    public var scope: LimitScope
    public var organizationID: String
    public var path: ScopePath

    public init(scope: LimitScope, organizationID: String, path: ScopePath) {
        self.scope = scope
        self.organizationID = organizationID
        self.path = path
    }
}
