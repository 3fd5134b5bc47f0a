import BrokleCore

/// The fields of a row about one scope (`limits`, `budgets`), after its scope columns.
protocol ScopedRowFields: Encodable {
    static var columns: [String] { get }
}

/// A row about one scope: `scope` (its kind), `path` (what names it on the command line: `acme/web`,
/// or a key's public id), its `org`, `project`, `env` and `key` (null where they do not apply),
/// then the fields — flat in one JSON object.
struct ScopedRow<Fields: ScopedRowFields>: OutputRow {
    static var columns: [String] { ["scope", "path"] + Fields.columns }
    var scope: ScopeFields
    var fields: Fields

    init(_ path: ScopePath, _ fields: Fields) {
        scope = ScopeFields(path)
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        try scope.encode(to: encoder)
        try fields.encode(to: encoder)
    }
}

/// The scope columns of a ``ScopedRow``.
struct ScopeFields: Encodable {
    var scope: LimitScope.Kind
    var path: String
    @Nullable var org: String?
    @Nullable var project: String?
    @Nullable var env: String?
    @Nullable var key: String?

    init(_ path: ScopePath) {
        scope = path.kind
        self.path = path.text
        org = path.org
        project = path.project
        env = path.environment
        key = path.key
    }
}
