import BrokleCore
import BrokleSettings
import BrokleTransport
import CompressNIO
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization

/// OTLP/HTTP export, off the request path: a service that takes the sampled requests' spans from
/// the trace writer's backlog and posts them to the collector in batches, as the OpenTelemetry
/// SDK's batch span processor does (`OTEL_BSP_*`): a batch as soon as `maxExportBatchSize` spans
/// wait, whatever waits every `scheduleDelay`, up to ``maxConcurrentExports`` posts in flight, each
/// within `exportTimeout`. The spans are written from the trace records here, on this service's
/// task — never on an event loop — protobuf (or JSON) straight from the records, gzip when asked.
///
/// A failed export (refused, unreachable, too slow) drops its spans, counted and logged by
/// ``SpanDrops``; nothing here ever slows a request. On graceful shutdown it runs after the server
/// and the trace writer have stopped, and exports what is left.
final class SpanExporter: Service, Sendable {
    let settings: TelemetrySettings
    let peers: [String: TelemetryPeer]
    let backlog: TraceWriter
    let client: UpstreamClient
    let drops: SpanDrops
    let metrics: GatewayMetrics
    let resource: [(String, String)]
    /// How often the backlog is looked at: a full batch waits at most this long.
    let tick: Duration
    /// Posts in flight at once: a collector that takes a while per batch still keeps up.
    static let maxConcurrentExports = 4
    private let inFlight = Atomic<Int>(0)

    init(settings: TelemetrySettings, peers: [String: TelemetryPeer], backlog: TraceWriter, metrics: GatewayMetrics, logger: Logger)
        throws(BrokleError)
    {
        self.settings = settings
        self.peers = peers
        self.backlog = backlog
        self.metrics = metrics
        drops = SpanDrops(metrics: metrics, logger: logger, interval: .seconds(settings.dropLogInterval))
        client = UpstreamClient(maxConnectionsPerOrigin: Self.maxConcurrentExports, tls: try Self.tls(settings))
        var resource = [("service.name", settings.serviceName)]
        resource += settings.resourceAttributes.filter { $0.key != "service.name" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        resource += [
            ("telemetry.sdk.name", "brokle"), ("telemetry.sdk.language", "swift"), ("telemetry.sdk.version", BrokleVersion.current),
        ]
        self.resource = resource
        tick = .milliseconds(max(1, Int64(min(settings.scheduleDelay, 0.02) * 1000)))
    }

    /// Whether spans are waiting or being exported.
    var busy: Bool { inFlight.load(ordering: .relaxed) > 0 || backlog.spansWaiting > 0 }

    /// TLS to the collector: the system's roots, plus the configured CA and client certificate.
    static func tls(_ settings: TelemetrySettings) throws(BrokleError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let certificate = settings.certificate {
                tls.trustRoots = .default
                tls.additionalTrustRoots = [.file(certificate)]
            }
            if let chain = settings.clientCertificate, let key = settings.clientKey {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(chain).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
        } catch {
            throw BrokleError(.config, "the OTLP client certificate or key could not be read: \(error)", hint: "check the PEM files")
        }
        return tls
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            var lastExport = ContinuousClock.now
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                try? await cancelWhenGracefulShutdown { [tick] in try await Task.sleep(for: tick) }
                guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
                let due = ContinuousClock.now - lastExport >= .milliseconds(Int64(settings.scheduleDelay * 1000))
                // Full batches at once; a partial one when the delay has passed.
                while inFlight.load(ordering: .relaxed) < Self.maxConcurrentExports {
                    let (batch, dropped) = backlog.takeSpans(
                        maxSpans: settings.maxExportBatchSize, atLeast: due ? 1 : settings.maxExportBatchSize)
                    drops.dropped(dropped, reason: "queue_full")
                    guard !batch.isEmpty else { break }
                    lastExport = .now
                    inFlight.add(1, ordering: .relaxed)
                    group.addTask {
                        await self.export(batch)
                        self.inFlight.subtract(1, ordering: .relaxed)
                    }
                }
                if due { lastExport = .now }
            }
        }
        // Stopping: the server and the trace writer have stopped, so nothing more arrives. Once
        // an export fails the collector is not taking them: the rest are dropped (counted) rather
        // than each waiting out the export timeout.
        var delivering = true
        while true {
            let (batch, dropped) = backlog.takeSpans(maxSpans: settings.maxExportBatchSize)
            drops.dropped(dropped, reason: "queue_full")
            guard !batch.isEmpty else { break }
            if delivering {
                delivering = await export(batch)
            } else {
                drops.dropped(batch.reduce(0) { $0 + $1.count }, reason: "export_failed", detail: "an earlier export failed while stopping")
            }
        }
        try? await client.shutdown()
    }

    /// Posts `batch`; its spans count as exported or as dropped. True when the collector took it.
    @discardableResult
    func export(_ batch: [RequestSpans]) async -> Bool {
        let spans = batch.reduce(0) { $0 + $1.count }
        var call = UpstreamHTTPRequest(url: settings.tracesEndpoint)
        let json = settings.exportProtocol == "http/json"
        call.headers.add(name: "content-type", value: json ? "application/json" : "application/x-protobuf")
        call.headers.add(name: "user-agent", value: "brokle/\(BrokleVersion.current)")
        for (name, value) in settings.headers { call.headers.replaceOrAdd(name: name, value: value) }
        var body = ByteBuffer(bytes: json ? encode(batch, as: OTLPJSON.self) : encode(batch, as: OTLPProtobuf.self))
        if settings.compression == "gzip" {
            do {
                body = try body.compress(with: .gzip())
                call.headers.add(name: "content-encoding", value: "gzip")
            } catch {
                // Not expected (zlib fails only out of memory): the batch goes uncompressed.
            }
        }
        do {
            let response = try await UpstreamCall.send(
                call, body: body, stream: false, timeout: settings.exportTimeout, client: client, provider: "otlp")
            guard (200..<300).contains(Int(response.status.code)) else {
                drops.dropped(spans, reason: "export_failed", detail: "the collector answered \(response.status.code)")
                return false
            }
            metrics.otelSpansExported(spans)
            return true
        } catch let error as GatewayError {
            drops.dropped(spans, reason: "export_failed", detail: error.metricLabel)
        } catch {
            drops.dropped(spans, reason: "export_failed", detail: "\(type(of: error))")
        }
        return false
    }

    /// One export request's body for `batch`, in `Writer`'s encoding.
    func encode<Writer: OTLPWriter>(_ batch: [RequestSpans], as _: Writer.Type) -> [UInt8] {
        var writer = Writer(
            resource: resource, scope: OTLPScope(name: "brokle", version: BrokleVersion.current), capacity: batch.count * 1536)
        for request in batch { request.write(into: &writer, peers: peers, settings: settings) }
        return writer.finish()
    }
}
