import Foundation
import Testing
@testable import BrokleCLIKit

/// Costs from recorded usage payloads, checked by hand: price per 1M tokens × tokens.
@Suite struct CostCalculatorTests {
    func price(_ input: String, _ output: String, cached: String? = nil, write: String? = nil, reasoning: String? = nil) throws -> ModelPrice {
        ModelPrice(
            provider: "p", model: "m", input: try PriceBook.amount(input, "i"), output: try PriceBook.amount(output, "o"),
            cachedInput: try cached.map { try PriceBook.amount($0, "c") }, cacheWrite: try write.map { try PriceBook.amount($0, "w") },
            reasoning: try reasoning.map { try PriceBook.amount($0, "r") }
        )
    }

    @Test func openAIWithCachedTokens() throws {
        // {"prompt_tokens":2006,"completion_tokens":300,"prompt_tokens_details":{"cached_tokens":1920}} on gpt-4o-mini
        let usage = try OpenAIWire.decoder.decode(OpenAIWire.Envelope.self, from: Data(#"{"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":0}}}"#.utf8)).usage!.neutral
        #expect(usage == TokenUsage(input: 2006, output: 300, cachedInput: 1920))
        // 86 × 0.15 + 1920 × 0.075 + 300 × 0.60 = 12.9 + 144 + 180 = 336.9 µUSD = 336,900 nano-USD
        #expect(CostCalculator.nanoUSD(usage, price: try price("0.15", "0.60", cached: "0.075")) == 336_900)
    }

    @Test func anthropicCacheReadAndWrite() throws {
        // Anthropic reports input_tokens=50, cache_creation_input_tokens=1000, cache_read_input_tokens=3000, output 200;
        // neutral input counts all of them: 4050. Sonnet: 3 / 15, write 3.75, read 0.30.
        let usage = TokenUsage(input: 4050, output: 200, cachedInput: 3000, cacheWrite: 1000)
        // 50 × 3 + 3000 × 0.30 + 1000 × 3.75 + 200 × 15 = 150 + 900 + 3750 + 3000 = 7800 µUSD
        #expect(CostCalculator.nanoUSD(usage, price: try price("3", "15", cached: "0.30", write: "3.75")) == 7_800_000)
    }

    @Test func reasoningBilledApartOnlyWhenPricedApart() throws {
        let usage = TokenUsage(input: 1000, output: 5000, reasoning: 4000)
        // Priced as output: 1000 × 1.10 + 5000 × 4.40 = 1100 + 22000 µUSD
        #expect(CostCalculator.nanoUSD(usage, price: try price("1.10", "4.40")) == 23_100_000)
        // Priced apart at 2.00: 1100 + 1000 × 4.40 + 4000 × 2.00 = 1100 + 4400 + 8000
        #expect(CostCalculator.nanoUSD(usage, price: try price("1.10", "4.40", reasoning: "2.00")) == 13_500_000)
    }

    @Test func tinyCostsRoundOnceToTheNanoDollar() throws {
        // One token at $0.075 / 1M = 0.075 µUSD = 75 nano-USD; at $0.0375 → 37.5 → 38 (half up).
        #expect(CostCalculator.nanoUSD(TokenUsage(input: 1), price: try price("0.075", "0")) == 75)
        #expect(CostCalculator.nanoUSD(TokenUsage(input: 1), price: try price("0.0375", "0")) == 38)
        #expect(CostCalculator.usd(nano: 336_900) == Decimal(string: "0.0003369"))
    }

    @Test func priceLookupOrder() throws {
        let book = PriceBook(entries: [
            ModelPrice(provider: "openai", model: "gpt-4o", aliases: ["gpt-4o-2024-08-06"], patterns: [try ModelPattern("gpt-4o-2*")], input: 2.5, output: 10),
            ModelPrice(provider: "openai", model: "gpt-4o-mini", patterns: [try ModelPattern("gpt-4o-mini-*")], input: 0.15, output: 0.6),
            ModelPrice(provider: "mock", model: "mock-chat", patterns: [try ModelPattern("*")], input: 0, output: 0),
        ])
        #expect(book.price(provider: "openai", model: "gpt-4o-2024-08-06")?.model == "gpt-4o")
        #expect(book.price(provider: "openai", model: "gpt-4o-2025-01-01")?.model == "gpt-4o")
        #expect(book.price(provider: "openai", model: "gpt-4o-mini-2024-07-18")?.model == "gpt-4o-mini")
        #expect(book.price(provider: "azure-east", model: "gpt-4o")?.model == "gpt-4o", "exact ids are found under any provider")
        #expect(book.price(provider: "azure-east", model: "gpt-4o-2025-01-01") == nil, "patterns only apply to their own provider")
        #expect(book.price(provider: "local", model: "llama3.1:8b") == nil, "an unknown model is unpriced, never free")
        #expect(book.price(provider: "mock", model: "anything")?.input == 0)
        let overridden = book.overridden(by: [ModelPrice(provider: "openai", model: "gpt-4o", input: 2, output: 8)])
        #expect(overridden.price(provider: "openai", model: "gpt-4o")?.input == 2)
    }

    @Test func shippedPricesParseAndCoverTheMajorProviders() throws {
        let book = try PriceBook.shipped()
        #expect(book.asOf != nil)
        for provider in ["openai", "anthropic", "gemini", "mistral", "deepseek", "groq"] {
            #expect(book.entries.filter { $0.provider == provider }.count >= 2, "\(provider)")
        }
        #expect(book.price(provider: "openai", model: "gpt-4o-mini") != nil)
        #expect(book.price(provider: "mock", model: "mock-chat")?.output == 0)
    }

    @Test(arguments: ["-1", "1e3", "abc", "", "1.2.3"])
    func badPricesAreRejected(text: String) {
        #expect(throws: BrokleError.self) { try PriceBook.amount(text, "x") }
    }
}

@Suite struct OpenAIWireTests {
    @Test func usageIsReadFromBodiesAndStreamChunksWithoutDecodingThemWhole() {
        let body = #"{"id":"x","choices":[{"index":0,"message":{"content":"a \"usage\": {} trick"}}],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":64}}}"#
        let envelope = OpenAIWire.envelope(Array(body.utf8))
        #expect(envelope?.usage?.neutral == TokenUsage(input: 2006, output: 300, cachedInput: 1920, reasoning: 64))
        #expect(envelope?.choices?.isEmpty == false)
        let chunk = #"{"id":"s","object":"chat.completion.chunk","choices":[ ],"usage":{"prompt_tokens":9,"completion_tokens":40,"total_tokens":49}}"#
        let last = OpenAIWire.envelope(Array(chunk.utf8))
        #expect(last?.usage?.neutral == TokenUsage(input: 9, output: 40))
        #expect(last?.choices?.isEmpty == true)
        #expect(OpenAIWire.envelope(Array(#"{"choices":[],"usage":null}"#.utf8))?.usage == nil)
        #expect(OpenAIWire.envelope(Array("not json".utf8)) == nil)
    }
}
