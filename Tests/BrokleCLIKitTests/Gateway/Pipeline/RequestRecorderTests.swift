@testable import BrokleCore
@testable import BrokleGateway
import Foundation
import Testing

/// The recorder's pure core: what a finished request costs, and what a stream adds to its outcome.
@Suite struct RequestRecorderTests {
    static let prices = PriceBook(entries: [ModelPrice(provider: "a", model: "model-a", input: 2, output: 8)])

    static func outcome(provider: String? = "a", model: String = "model-a", usage: TokenUsage, status: TraceRecord.Status = .ok)
        -> RequestOutcome
    {
        let key = KeyContext(
            keyID: "k", publicID: "p", organizationID: "o", orgSlug: "acme", projectID: "p", projectSlug: "web",
            environmentID: "e", environmentSlug: "production", allowedModels: nil, expiresAt: nil
        )
        var outcome = RequestOutcome(
            requestID: "req", key: key, endpoint: .chatCompletions, model: "smart", modelLabel: "smart", startedAt: Date(), started: .now
        )
        outcome.provider = provider
        outcome.upstreamModel = provider == nil ? nil : model
        outcome.usage = usage
        outcome.status = status
        return outcome
    }

    @Test func aPricedAnswerCostsItsTokens() {
        let cost = RequestRecorder.price(Self.outcome(usage: TokenUsage(input: 1_000_000, output: 1_000_000)), prices: Self.prices)
        #expect(cost == RequestCost(nanoUSD: 10_000_000_000, status: "priced"))
    }

    @Test func aStreamCutShortIsEstimated() {
        let cost = RequestRecorder.price(Self.outcome(usage: TokenUsage(output: 1_000_000), status: .cancelled), prices: Self.prices)
        #expect(cost == RequestCost(nanoUSD: 8_000_000_000, status: "estimated"))
    }

    @Test func anUnknownModelIsUnpricedNeverZero() {
        let cost = RequestRecorder.price(Self.outcome(model: "other", usage: TokenUsage(input: 5)), prices: Self.prices)
        #expect(cost == RequestCost(nanoUSD: nil, status: "unpriced"))
    }

    @Test func nothingProducedIsNotBilledAndNoProviderHasNoStatus() {
        #expect(
            RequestRecorder.price(Self.outcome(usage: TokenUsage()), prices: Self.prices) == RequestCost(nanoUSD: nil, status: "not_billed")
        )
        #expect(
            RequestRecorder.price(Self.outcome(provider: nil, usage: TokenUsage(input: 5)), prices: Self.prices)
                == RequestCost(nanoUSD: nil, status: nil))
    }

    @Test func aRelayResultCompletesTheOutcome() {
        var relayed = RelayResult()
        relayed.status = .error
        relayed.httpStatus = 502
        relayed.error = .upstreamStreamBroken()
        relayed.usage = TokenUsage(output: 3)
        relayed.upstreamTime = .milliseconds(40)
        let finished = Self.outcome(usage: TokenUsage()).finished(by: relayed)
        #expect(finished.status == .error && finished.httpStatus == 502 && finished.error == .upstreamStreamBroken())
        #expect(finished.usage.output == 3 && finished.upstreamTime == .milliseconds(40) && finished.provider == "a")
    }
}
