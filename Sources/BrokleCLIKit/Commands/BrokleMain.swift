import BrokleCore
import ArgumentParser
import Foundation

/// Runs the command tree and turns every outcome into the JSON-lines contract: rows on stdout,
/// at most one JSON error line on stderr, and a documented exit status.
///
/// The library's one public entry point: `brokle` with these arguments (the process's own when nil),
/// returning the exit status. Everything else is `package`: shared by this package's executables
/// and tests, not an API for others.
public enum BrokleMain {
    public static func run(_ arguments: [String]? = nil) async -> Int32 {
        await run(BrokleCommand.self, arguments)
    }

    /// Runs `Root` as the command tree (`brokle`, or `brokle-proxy` whose root is the proxy).
    package static func run<Root: ParsableCommand>(_ root: Root.Type, _ arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try Root.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as BrokleError {
            ErrorReporter.report(error)
            return error.kind.exitCode
        } catch {
            let code = Root.exitCode(for: error)
            if code == .success {
                // --help, --version and --generate-completion-script: asked-for text on stdout.
                let text = Root.fullMessage(for: error)
                if !text.isEmpty { print(text) }
                return 0
            }
            let message = Root.message(for: error)
            ErrorReporter.report(
                BrokleError(
                    .usage, message.isEmpty ? "invalid command line" : message,
                    hint: "see `\(Root.configuration.commandName ?? "brokle") --help`"))
            return BrokleError.Kind.usage.exitCode
        }
    }
}
