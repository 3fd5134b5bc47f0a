@testable import BrokleCore
@testable import BrokleProviders
import Foundation
import Testing

/// Costs from recorded usage payloads, checked by hand: price per 1M tokens × tokens.
@Suite struct CostCalculatorTests {
    func price(_ input: String, _ output: String, cached: String? = nil, write: String? = nil, reasoning: String? = nil) throws
        -> ModelPrice
    {
        ModelPrice(
            provider: "p", model: "m", input: try PriceBook.amount(input, "i"), output: try PriceBook.amount(output, "o"),
            cachedInput: try cached.map { try PriceBook.amount($0, "c") }, cacheWrite: try write.map { try PriceBook.amount($0, "w") },
            reasoning: try reasoning.map { try PriceBook.amount($0, "r") }
        )
    }

    @Test func openAIWithCachedTokens() throws {
        // {"prompt_tokens":2006,"completion_tokens":300,"prompt_tokens_details":{"cached_tokens":1920}} on gpt-4o-mini
        let usage = try OpenAIWire.decoder.decode(
            OpenAIWire.Envelope.self,
            from: Data(
                #"{"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":0}}}"#
                    .utf8)
        ).usage!.neutral
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

    /// The same sum in Decimal arithmetic, written out here as the reference.
    func decimalReference(_ usage: TokenUsage, _ price: ModelPrice) -> Int64 {
        let cached = max(0, usage.cachedInput), written = max(0, usage.cacheWrite)
        let fresh = max(0, usage.input - cached - written)
        let reasoning = price.reasoning == nil ? 0 : max(0, min(usage.reasoning, usage.output))
        var sum = Decimal(fresh) * price.input + Decimal(cached) * (price.cachedInput ?? price.input)
        sum += Decimal(written) * (price.cacheWrite ?? price.input) + Decimal(max(0, usage.output - reasoning)) * price.output
        sum += Decimal(reasoning) * (price.reasoning ?? price.output)
        var nano = sum * 1000, rounded = Decimal()
        NSDecimalRound(&rounded, &nano, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    @Test func integerPricingAgreesWithDecimalArithmeticToTheNanoDollar() throws {
        let prices = [
            try price("0.15", "0.60", cached: "0.075"), try price("3", "15", cached: "0.30", write: "3.75"),
            try price("1.10", "4.40", reasoning: "2.00"), try price("0.0375", "0.000001"), try price("75", "150"),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {  // a fixed sequence (xorshift), so a failure reproduces
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let input = next(2_000_000), output = next(200_000)
            let usage = TokenUsage(
                input: input, output: output, cachedInput: next(input + 1), cacheWrite: next(100_000), reasoning: next(output + 1))
            for price in prices {
                #expect(price.rates != nil)
                #expect(
                    CostCalculator.nanoUSD(usage, price: price) == decimalReference(usage, price),
                    "\(usage) at \(price.input)/\(price.output)")
            }
        }
    }

    @Test func pricesBeyondSixDecimalsStillPriceExactly() throws {
        let fine = try price("0.0000005", "0.0000015")
        #expect(fine.rates == nil, "not a whole number of micro-dollars: the Decimal path prices it")
        let usage = TokenUsage(input: 3_000_000, output: 1_000_001)
        // (3e6 × 0.0000005 + 1000001 × 0.0000015) USD per 1M × 1000 = (1.5 + 1.5000015) × 1000 = 3000.0015 → 3000 nano-USD
        #expect(CostCalculator.nanoUSD(usage, price: fine) == decimalReference(usage, fine))
        #expect(CostCalculator.nanoUSD(usage, price: fine) == 3000)
        var edited = try price("1", "2")
        edited.input = try PriceBook.amount("0.12345678", "i")
        #expect(edited.rates == nil, "editing a price refreshes its integer form")
    }

    @Test func costTextIsTheDecimalsOwnText() {
        var values: [Int64] = [
            0, 1, 9, 10, 999_999_999, 1_000_000_000, 1_000_000_001, 1_500_000_000, 336_900, 38, 120_000_000_000_000, -2_500,
        ]
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(state >> 24))
        }
        for nano in values {
            #expect(CostCalculator.usdText(nano: nano) == "\(CostCalculator.usd(nano: nano))", "\(nano)")
        }
    }

    @Test func theFirstEntryWinsAndEditsReachTheLookup() throws {
        var book = PriceBook(entries: [
            ModelPrice(provider: "a", model: "m", aliases: ["m-1"], input: 1, output: 1),
            ModelPrice(provider: "a", model: "m", aliases: ["m-1"], input: 2, output: 2),
            ModelPrice(provider: "b", model: "m", input: 3, output: 3),
            ModelPrice(provider: "b", model: "n", patterns: [try ModelPattern("n-*")], input: 4, output: 4),
            ModelPrice(provider: "b", model: "o", patterns: [try ModelPattern("n-*")], input: 5, output: 5),
        ])
        #expect(book.price(provider: "a", model: "m")?.input == 1)
        #expect(book.price(provider: "a", model: "m-1")?.input == 1)
        #expect(book.price(provider: "b", model: "m")?.input == 3, "the serving provider's own entry first")
        #expect(book.price(provider: "c", model: "m")?.input == 1, "then the first entry of any provider")
        #expect(book.price(provider: "c", model: "m-1")?.input == 1)
        #expect(book.price(provider: "b", model: "n-2")?.input == 4, "the first matching pattern")
        #expect(book.price(provider: nil, model: "n")?.input == 4)
        book.entries.insert(ModelPrice(provider: "c", model: "m", input: 9, output: 9), at: 0)
        #expect(book.price(provider: "c", model: "m")?.input == 9)
        #expect(book.price(provider: "z", model: "m")?.input == 9)
    }

    @Test func priceLookupOrder() throws {
        let book = PriceBook(entries: [
            ModelPrice(
                provider: "openai", model: "gpt-4o", aliases: ["gpt-4o-2024-08-06"], patterns: [try ModelPattern("gpt-4o-2*")], input: 2.5,
                output: 10),
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
        let body =
            #"{"id":"x","choices":[{"index":0,"message":{"content":"a \"usage\": {} trick"}}],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":64}}}"#
        let envelope = OpenAIWire.envelope(Array(body.utf8))
        #expect(envelope?.usage?.neutral == TokenUsage(input: 2006, output: 300, cachedInput: 1920, reasoning: 64))
        #expect(envelope?.choices?.isEmpty == false)
        let chunk =
            #"{"id":"s","object":"chat.completion.chunk","choices":[ ],"usage":{"prompt_tokens":9,"completion_tokens":40,"total_tokens":49}}"#
        let last = OpenAIWire.envelope(Array(chunk.utf8))
        #expect(last?.usage?.neutral == TokenUsage(input: 9, output: 40))
        #expect(last?.choices?.isEmpty == true)
        #expect(OpenAIWire.envelope(Array(#"{"choices":[],"usage":null}"#.utf8))?.usage == nil)
        #expect(OpenAIWire.envelope(Array("not json".utf8)) == nil)
    }
}
