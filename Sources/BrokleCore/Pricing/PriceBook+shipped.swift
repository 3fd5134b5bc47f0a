import Foundation

extension PriceBook {
    /// The prices shipped in this binary (Sources/BrokleCore/Pricing/pricing.json).
    package static func shipped() throws(BrokleError) -> PriceBook {
        try decode(Data(PackageResources.pricing_json), source: "pricing.json")
    }
}
