/// The two SQL dialects Brokle speaks; also the folder names under `migrations/`.
package enum SQLDialectKind: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}
