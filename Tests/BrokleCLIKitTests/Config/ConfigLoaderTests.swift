@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    func folder(dotEnv: String?) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-config-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let dotEnv { try dotEnv.write(to: url.appendingPathComponent(".env"), atomically: true, encoding: .utf8) }
        return url.path
    }

    @Test func defaultsWithNothingSet() throws {
        let config = try ConfigLoader(environment: [:], currentDirectory: folder(dotEnv: nil)).load(.init())
        #expect(config.databaseURL == .sqlite(path: "brokle.db"))
        #expect(config.format == .jsonl)
        #expect(config.logLevel == .info)
    }

    @Test func precedenceIsFlagsThenEnvironmentThenDotEnv() throws {
        let dir = try folder(dotEnv: "BROKLE_DATABASE_URL=sqlite:dotenv.db\nBROKLE_FORMAT=table\nBROKLE_LOG_LEVEL=debug\n")
        let fromDotEnv = try ConfigLoader(environment: [:], currentDirectory: dir).load(.init())
        #expect(fromDotEnv.databaseURL == .sqlite(path: "dotenv.db"))
        #expect(fromDotEnv.format == .table)
        #expect(fromDotEnv.logLevel == .debug)

        let fromEnv = try ConfigLoader(environment: ["BROKLE_DATABASE_URL": "sqlite:env.db"], currentDirectory: dir).load(.init())
        #expect(fromEnv.databaseURL == .sqlite(path: "env.db"))
        #expect(fromEnv.format == .table)

        let fromFlag = try ConfigLoader(environment: ["BROKLE_DATABASE_URL": "sqlite:env.db"], currentDirectory: dir)
            .load(.init(databaseURL: "sqlite::memory:", format: "jsonl"))
        #expect(fromFlag.databaseURL == .sqliteMemory)
        #expect(fromFlag.format == .jsonl)
    }

    @Test func explicitEnvFileReplacesDotEnv() throws {
        let dir = try folder(dotEnv: "BROKLE_DATABASE_URL=sqlite:dotenv.db\n")
        try "BROKLE_DATABASE_URL=sqlite:other.db\n".write(toFile: dir + "/ci.env", atomically: true, encoding: .utf8)
        let config = try ConfigLoader(environment: [:], currentDirectory: dir).load(.init(envFile: "ci.env"))
        #expect(config.databaseURL == .sqlite(path: "other.db"))
    }

    @Test func missingExplicitEnvFileIsAnError() throws {
        let dir = try folder(dotEnv: nil)
        #expect(throws: BrokleError.self) { try ConfigLoader(environment: [:], currentDirectory: dir).load(.init(envFile: "nope.env")) }
    }

    @Test func malformedDotEnvIsAConfigError() throws {
        let dir = try folder(dotEnv: "BROKLE_DATABASE_URL=\"unterminated\n")
        #expect {
            try ConfigLoader(environment: [:], currentDirectory: dir).load(.init())
        } throws: { ($0 as? BrokleError)?.kind == .config }
    }

    @Test func badValuesNameWhereTheyCameFrom() throws {
        let dir = try folder(dotEnv: nil)
        #expect {
            try ConfigLoader(environment: ["BROKLE_LOG_LEVEL": "loud"], currentDirectory: dir).load(.init())
        } throws: { ($0 as? BrokleError)?.message.contains("BROKLE_LOG_LEVEL") == true }
        #expect {
            try ConfigLoader(environment: [:], currentDirectory: dir).load(.init(databaseURL: "redis://x"))
        } throws: { ($0 as? BrokleError)?.message.contains("--database-url") == true }
    }
}
