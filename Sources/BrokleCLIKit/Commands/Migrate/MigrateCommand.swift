import ArgumentParser

/// `brokle migrate`: the schema, as numbered SQL migrations embedded in the binary.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply, roll back and inspect the database schema.",
        subcommands: [
            MigrateUp.self, MigrateDown.self, MigrateStatus.self,
            MigrateCreate.self, MigrateForce.self, MigrateReset.self,
        ]
    )
}
