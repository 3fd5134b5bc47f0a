import BrokleCore
import BrokleStorage
import Foundation

/// `brokle migrate status`: one line per migration.
struct MigrationStatusRow: OutputRow {
    static let columns = ["version", "name", "applied", "applied_at", "dirty"]
    var version: Int
    var name: String
    var applied: Bool
    @Nullable var appliedAt: Date?
    var dirty: Bool

    enum CodingKeys: String, CodingKey { case version, name, applied, appliedAt = "applied_at", dirty }
}

/// `brokle migrate up|down|reset`: one line per migration applied or rolled back, or with
/// `--dry-run`, per migration that would be, with its SQL.
struct MigrationStepRow: OutputRow {
    static let columns = ["version", "name", "direction", "dry_run", "duration_ms"]
    var version: Int
    var name: String
    var direction: Migrator.Direction
    var dryRun: Bool
    var durationMs: Double?
    var sql: String?

    enum CodingKeys: String, CodingKey { case version, name, direction, dryRun = "dry_run", durationMs = "duration_ms", sql }

    init(_ step: Migrator.Step) {
        version = step.migration.version
        name = step.migration.name
        direction = step.direction
        dryRun = false
        durationMs = step.duration.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
            .map { ($0 * 1000).rounded() / 1000 }
    }

    init(planned migration: Migration, _ direction: Migrator.Direction) {
        version = migration.version
        name = migration.name
        self.direction = direction
        dryRun = true
        sql = (direction == .up ? migration.up : migration.down).trimmingSQLWhitespace()
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(name, forKey: .name)
        try container.encode(direction, forKey: .direction)
        try container.encode(dryRun, forKey: .dryRun)
        if dryRun {
            try container.encode(sql, forKey: .sql)
        } else {
            try container.encode(durationMs, forKey: .durationMs)
        }
    }
}

extension MigrateCommand {
    /// Runs a migration plan for up/down/reset: prints the SQL with `--dry-run`, else applies it.
    static func execute(
        _ context: CommandContext, _ migrator: Migrator, direction: Migrator.Direction, steps: Int?, dryRun: Bool
    ) async throws(BrokleError) {
        if dryRun {
            let plan =
                direction == .up
                ? try await migrator.pendingUp(steps: steps)
                : try await migrator.pendingDown(steps: steps)
            for migration in plan { try context.emit(MigrationStepRow(planned: migration, direction)) }
        } else if direction == .up {
            try await migrator.up(steps: steps) { step throws(BrokleError) in try context.emit(MigrationStepRow(step)) }
        } else {
            try await migrator.down(steps: steps) { step throws(BrokleError) in try context.emit(MigrationStepRow(step)) }
        }
        context.printer.finish()
    }
}
