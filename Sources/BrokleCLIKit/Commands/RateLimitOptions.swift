import BrokleCore
import ArgumentParser

/// `--rpm N --tpm N --concurrency N`: rate and concurrency limits given on the command line.
struct RateLimitOptions: ParsableArguments {
    @Option(help: "Requests per minute (a positive whole number).") var rpm: Int?
    @Option(help: "Tokens per minute, input and output (a positive whole number).") var tpm: Int?
    @Option(help: "Requests in flight at once, streams included (a positive whole number).") var concurrency: Int?

    func validate() throws {
        for (flag, value) in [("--rpm", rpm), ("--tpm", tpm), ("--concurrency", concurrency)] {
            if let value, value <= 0 { throw ValidationError("\(flag) must be a positive whole number, not \(value)") }
        }
    }

    var limits: RateLimits { RateLimits(rpm: rpm, tpm: tpm, concurrency: concurrency) }
}
