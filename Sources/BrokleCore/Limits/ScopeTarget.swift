/// A scope found in the database: its id (what `limits` and `budgets` rows key on), the
/// organization it belongs to, and its path for printing.
package struct ScopeTarget: Sendable, Equatable {
    package var scope: LimitScope
    package var organizationID: String
    package var path: ScopePath

    package init(scope: LimitScope, organizationID: String, path: ScopePath) {
        self.scope = scope
        self.organizationID = organizationID
        self.path = path
    }
}
