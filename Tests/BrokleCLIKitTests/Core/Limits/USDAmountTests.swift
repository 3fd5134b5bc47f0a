@testable import BrokleCore
import Testing

@Suite struct USDAmountTests {
    @Test(
        arguments: [
            ("500", 500_000_000_000), ("0.05", 50_000_000), ("0", 0), (".5", 500_000_000), ("5.", 5_000_000_000),
            ("12.345678901", 12_345_678_901), ("0.000000001", 1),
        ] as [(String, Int64)])
    func parsesExactlyToNanoUSD(text: String, nano: Int64) throws {
        #expect(try USDAmount.nanoUSD(text, what: "--usd") == nano)
    }

    @Test(arguments: ["", "abc", "-5", "1e3", "1.2.3", ".", " 5", "0.0000000001", "99999999999999999999", "5 USD"])
    func refusesWhatIsNotAnExactAmount(text: String) {
        #expect { try USDAmount.nanoUSD(text, what: "--usd") } throws: { error in
            (error as? BrokleError)?.kind == .usage && (error as? BrokleError)?.message.contains("--usd") == true
        }
    }
}
