import BrokleCore
import BrokleStorage
import ArgumentParser
import Foundation

/// The filters `trace query`, `cost report` and `cache stats` share: a period and a tenancy.
struct TraceFilterOptions: ParsableArguments {
    @Option(help: "From this time: RFC 3339, or a duration before now (90m, 24h, 7d).") var since: String?
    @Option(help: "Before this time: RFC 3339, or a duration before now.") var until: String?
    @OptionGroup var tenancy: TenancyFilterOptions

    func filter(now: Date) throws(BrokleError) -> TraceFilter {
        var filter = TraceFilter()
        (filter.since, filter.until) = try TimeBound.range(since: since, until: until, now: now)
        try tenancy.apply(to: &filter)
        return filter
    }
}

extension TraceRecord.Status: ExpressibleByArgument {}
extension TraceQueryStore.Order: ExpressibleByArgument {}
