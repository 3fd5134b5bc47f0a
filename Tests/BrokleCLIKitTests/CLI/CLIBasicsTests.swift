@testable import BrokleCLIKit
@testable import BrokleCore
import Foundation
import Testing

@Suite struct CLIBasicsTests {
    @Test func versionAndHelpListOnlyRealCommands() async throws {
        let version = try await BrokleBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == BrokleVersion.current)

        let help = try await BrokleBinary.run(["--help"])
        #expect(help.status == 0)
        let subcommands = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        // Command lines are indented by exactly two spaces; wrapped abstracts by more.
        let listed = subcommands.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "See" }
        #expect(
            listed == [
                "proxy", "migrate", "orgs", "keys", "seed", "route", "trace", "cost", "cache", "limits", "budgets", "guardrails", "logging",
                "audit", "config", "users", "ui",
            ])

        let migrateHelp = try await BrokleBinary.run(["migrate", "--help"])
        for command in ["up", "down", "status", "create", "force", "reset"] {
            #expect(migrateHelp.stdout.contains("\n  \(command) "), "migrate --help lists \(command)")
        }
    }

    @Test func usageErrorsAreJSONOnStderrWithStatus2() async throws {
        for arguments in [["migrate", "up", "--steps", "0"], ["nope"], ["migrate", "up", "--format", "xml"]] {
            let result = try await BrokleBinary.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(try result.errorLine()?["error"]?["type"] == .string("usage"))
        }
    }

    @Test func badDatabaseURLIsAConfigErrorNamingTheVariable() async throws {
        let result = try await BrokleBinary.run(["migrate", "status"], environment: ["BROKLE_DATABASE_URL": "mysql://db/brokle"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        let error = try #require(try result.errorLine()?["error"])
        #expect(error["type"] == .string("config"))
        #expect(error["message"]?.stringValue?.contains("BROKLE_DATABASE_URL") == true)
    }

    @Test func unreachablePostgresIsDatabaseUnavailable() async throws {
        let result = try await BrokleBinary.run(["migrate", "status", "--database-url", "postgres://brokle:pw@127.0.0.1:1/brokle"])
        #expect(result.status == 4)
        #expect(result.stdout.isEmpty)
        let error = try #require(try result.errorLine()?["error"])
        #expect(error["type"] == .string("database_unavailable"))
        #expect(result.stderr.contains("pw") == false, "the password never appears")
    }

    @Test func malformedDotEnvIsAConfigError() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        try "BROKLE_DATABASE_URL=sqlite:x.db\nTHIS LINE IS BROKEN\n".write(
            to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let result = try await BrokleBinary.run(["migrate", "status"], in: folder)
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(try result.errorLine()?["error"]?["message"]?.stringValue?.contains(".env:2") == true)
    }

    @Test func dotEnvInTheCurrentFolderIsRead() async throws {
        let folder = try BrokleBinary.scratchDirectory()
        try "export BROKLE_DATABASE_URL=\"sqlite:from-dotenv.db\"\n".write(
            to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let result = try await BrokleBinary.run(["migrate", "up", "--log-level", "error"], in: folder)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-dotenv.db").path))
    }

    @Test func completionScriptsAreFresh() async throws {
        for (shell, file) in [("bash", "completions/brokle.bash"), ("zsh", "completions/_brokle"), ("fish", "completions/brokle.fish")] {
            let generated = try await BrokleBinary.run(["--generate-completion-script", shell])
            #expect(generated.status == 0)
            let committed = try Repository.text(file)
            #expect(generated.stdout == committed, "\(file) is stale: run `make completions`")
        }
    }

    @Test func readmeDocumentsEveryExitStatus() async throws {
        let readme = try Repository.text("README.md")
        for kind in BrokleError.Kind.allCases {
            #expect(readme.contains("| \(kind.exitCode) | `\(kind.rawValue)` |"), "README exit table lacks \(kind.rawValue)")
        }
    }
}
