import BrokleCore
import BrokleStorage
import Foundation
import Hummingbird

/// `/api/v1/orgs/{org}/overview?range=24h|7d|30d&by=model|project|provider`: the organization's
/// requests, errors, tokens and cost over the range — totals, a series (by hour, or by day over
/// 30 days) and groups — read through the store `brokle cost report` reads (the hourly rollups),
/// so the figures are the report's — and p50/p95 latency, the cache hit rate and its savings over the range's
/// newest 20,000 traces (a bounded sample, whatever the range).
struct OverviewHandler: Sendable {
    let auth: DashboardAuth
    let reports: CostReportStore
    let traces: TraceQueryStore
    /// Latency percentiles and the cache hit rate are read from this many newest traces of the range.
    static let sampleSize = 20_000

    struct Figures: Encodable {
        var requests: Int
        var errors: Int
        var tokensIn: Int
        var tokensOut: Int
        var tokensCached: Int
        var costUsd: Decimal?
        var unpricedRequests: Int

        static let zero = Figures(requests: 0, errors: 0, tokensIn: 0, tokensOut: 0, tokensCached: 0, costUsd: nil, unpricedRequests: 0)
    }

    struct Point: Encodable {
        var at: String
        var figures: Figures
    }

    struct Group: Encodable {
        var key: String
        var figures: Figures
    }

    /// p50/p95 latency and the cache hit rate over the range's newest ``OverviewHandler/sampleSize`` traces.
    struct Recent: Encodable {
        var sample: Int
        var p50Ms: Double?
        var p95Ms: Double?
        var cacheLookups: Int
        var cacheHitRate: Double?
        var cacheSavedUsd: Decimal
    }

    struct Overview: Encodable {
        var organization: String
        var recent: Recent
        var range: String
        var since: Date
        var by: String
        var totals: Figures
        var series: [Point]
        var groups: [Group]
    }

    static let ranges: [String: TimeInterval] = ["24h": 86_400, "7d": 7 * 86_400, "30d": 30 * 86_400]

    /// The request's `range` (24h by default) and its length in seconds; 400 for any other.
    static func range(_ request: Request) throws(GatewayError) -> (name: String, seconds: TimeInterval) {
        let range = request.uri.queryParameters["range"].map(String.init) ?? "24h"
        guard let seconds = ranges[range] else { throw GatewayError.invalidRequest("'range' is 24h, 7d or 30d.", param: "range") }
        return (range, seconds)
    }
    static let groupings: [String: CostReportStore.Dimension] = ["model": .model, "project": .project, "provider": .provider]

    func overview(_ request: Request, org: String) async throws(GatewayError) -> Response {
        let (_, membership) = try await auth.member(request, of: org)
        let query = request.uri.queryParameters
        let (range, seconds) = try Self.range(request)
        let by = query["by"].map(String.init) ?? "model"
        guard let dimension = Self.groupings[by] else {
            throw GatewayError.invalidRequest("'by' is model, project or provider.", param: "by")
        }
        var filter = TraceFilter()
        filter.org = membership.slug
        filter.since = Date().addingTimeInterval(-seconds)
        let step: CostReportStore.Dimension = range == "30d" ? .day : .hour
        let (totals, series, groups, sample) = try await DashboardErrors.mapped { () async throws(BrokleError) in
            (
                try await reports.total(filter), try await reports.groups(by: [step], filter),
                try await reports.groups(by: [dimension], filter), try await traces.latencySample(filter, limit: Self.sampleSize)
            )
        }
        let recent = Recent(
            sample: sample.latenciesMs.count, p50Ms: sample.percentile(0.5), p95Ms: sample.percentile(0.95),
            cacheLookups: sample.cacheLookups,
            cacheHitRate: sample.cacheLookups == 0 ? nil : Double(sample.cacheHits) / Double(sample.cacheLookups),
            cacheSavedUsd: CostCalculator.usd(nano: sample.savedNanoUSD))
        return try DashboardJSON.response(
            Overview(
                organization: membership.slug, recent: recent, range: range, since: filter.since ?? Date(), by: by, totals: Figures(totals),
                series: Self.filled(series, step: step, since: filter.since ?? Date(), until: Date()),
                groups: groups.map { Group(key: $0.keys[dimension] ?? "", figures: Figures($0.totals)) }))
    }

    /// Every hour (or day) of the range, those without requests at zero, so a chart's bars line up
    /// with time. The keys are the cost report's (`2026-12-07T11:00:00Z`, `2026-12-07`).
    static func filled(_ groups: [CostReportStore.Group], step: CostReportStore.Dimension, since: Date, until: Date) -> [Point] {
        var byKey: [String: CostReportStore.Totals] = [:]
        for group in groups { if let key = group.keys[step] { byKey[key] = group.totals } }
        let seconds: TimeInterval = step == .day ? 86_400 : 3600
        let format = Date.ISO8601FormatStyle(timeZone: .gmt)
        var points: [Point] = []
        var at = (since.timeIntervalSince1970 / seconds).rounded(.down) * seconds
        while at < until.timeIntervalSince1970 {
            let text = Date(timeIntervalSince1970: at).formatted(format)
            let key = step == .day ? String(text.prefix(10)) : text
            points.append(Point(at: key, figures: byKey[key].map(Figures.init) ?? .zero))
            at += seconds
        }
        return points
    }
}

extension OverviewHandler.Figures {
    init(_ totals: CostReportStore.Totals) {
        requests = totals.requests
        errors = totals.errors
        tokensIn = totals.tokensIn
        tokensOut = totals.tokensOut
        tokensCached = totals.tokensCached
        costUsd = totals.costNanoUSD.map { CostCalculator.usd(nano: $0) }
        unpricedRequests = totals.unpricedRequests
    }
}
