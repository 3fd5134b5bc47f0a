import ArgumentParser

/// `brokle ui`: the dashboard `brokle proxy` serves at `/ui`.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui", abstract: "The dashboard served by `brokle proxy` at /ui.", subcommands: [UILink.self])
}
