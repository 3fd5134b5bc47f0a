@testable import BrokleCore
@testable import BrokleStorage
import Testing

@Suite struct MigrationCatalogTests {
    @Test func embeddedCatalogsAreCompleteAndMatchAcrossDialects() throws {
        let sqlite = try MigrationCatalog.embedded(.sqlite)
        let postgres = try MigrationCatalog.embedded(.postgres)
        #expect(!sqlite.migrations.isEmpty)
        #expect(sqlite.migrations.map(\.version) == postgres.migrations.map(\.version))
        #expect(sqlite.migrations.map(\.name) == postgres.migrations.map(\.name))
        #expect(sqlite.migrations.first?.label == "0001_init")
    }

    @Test func fileNames() {
        #expect(MigrationFileName("0003_add_budgets.up.sql") == MigrationFileName(version: 3, name: "add_budgets", isUp: true))
        #expect(MigrationFileName("0003_add_budgets.down.sql")?.isUp == false)
        #expect(MigrationFileName("3_x.up.sql") == nil)
        #expect(MigrationFileName("0003_Bad.up.sql") == nil)
        #expect(MigrationFileName("0003_x.sql") == nil)
        #expect(MigrationFileName("0000_x.up.sql") == nil)
    }

    @Test func aMissingHalfIsRejected() {
        #expect(throws: BrokleError.self) {
            try MigrationCatalog(dialect: .sqlite, files: [(name: "0001_a.up.sql", text: "")])
        }
        #expect(throws: BrokleError.self) {
            try MigrationCatalog(dialect: .sqlite, files: [(name: "0001_a.up.sql", text: ""), (name: "0001_b.down.sql", text: "")])
        }
    }
}

extension MigrationFileName {
    init(version: Int, name: String, isUp: Bool) {
        self.init("\(format4(version))_\(name).\(isUp ? "up" : "down").sql")!
    }
}
