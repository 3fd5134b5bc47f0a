@testable import BrokleCore
@testable import BrokleSettings
import Foundation
import Testing

/// OpenTelemetry settings: brokle.yaml's `otel:` under the standard `OTEL_*` variables; off unless
/// an endpoint is configured; bad values fail at start naming the key (never a header's value).
@Suite struct ConfigLoaderTelemetryTests {
    func load(yaml: String? = nil, dotEnv: String = "", environment: [String: String] = [:]) throws -> TelemetrySettings {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-otel-config-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try dotEnv.write(to: url.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        if let yaml {
            let text = "providers:\n  mock: { kind: mock }\n" + yaml
            try text.write(to: url.appendingPathComponent("brokle.yaml"), atomically: true, encoding: .utf8)
        }
        return try ConfigLoader(environment: environment, currentDirectory: url.path).loadGateway(.init(), .init()).telemetry
    }

    func error(yaml: String? = nil, environment: [String: String] = [:]) -> BrokleError? {
        do {
            _ = try load(yaml: yaml, environment: environment)
            return nil
        } catch {
            return error as? BrokleError
        }
    }

    @Test func offUnlessAnEndpointIsConfigured() throws {
        #expect(try load().enabled == false)
        #expect(try load(yaml: "otel:\n  service_name: gw\n").enabled == false)
        let file = try load(yaml: "otel:\n  endpoint: http://collector:4318\n")
        #expect(file.enabled && file.tracesEndpoint == "http://collector:4318/v1/traces")
        #expect(try load(yaml: "otel:\n  endpoint: http://collector:4318/\n  enabled: false\n").enabled == false)
        #expect(try load(yaml: "otel:\n  enabled: true\n").tracesEndpoint == "http://localhost:4318/v1/traces")
        let environment = try load(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://10.0.0.9:4318"])
        #expect(environment.enabled && environment.tracesEndpoint == "http://10.0.0.9:4318/v1/traces")
        let dotEnv = try load(dotEnv: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=https://otel.example/ingest\n")
        #expect(dotEnv.enabled && dotEnv.tracesEndpoint == "https://otel.example/ingest")
    }

    /// The exporter's own variables: compression, its timeout, resource attributes and TLS files.
    @Test func compressionTimeoutResourceAndCertificatesAreRead() throws {
        #expect(try load(yaml: "otel:\n  endpoint: http://c:4318\n  compression: gzip\n").compression == "gzip")
        let pem = FileManager.default.temporaryDirectory.appendingPathComponent("brokle-otel-\(UUID().uuidString).pem").path
        try "not checked here".write(toFile: pem, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: pem) }
        let settings = try load(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://c:4318", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2500", "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod,team=a%20b",
            "OTEL_EXPORTER_OTLP_CERTIFICATE": pem,
        ])
        #expect(settings.compression == "gzip" && settings.exportTimeout == 2.5 && settings.certificate == pem)
        #expect(settings.resourceAttributes == ["deployment.environment": "prod", "team": "a b"])
        #expect(error(environment: ["OTEL_EXPORTER_OTLP_COMPRESSION": "zstd"])?.message.contains("OTEL_EXPORTER_OTLP_COMPRESSION") == true)
        #expect(error(yaml: "otel:\n  compression: brotli\n")?.message.contains("otel.compression") == true)
        #expect(error(environment: ["OTEL_EXPORTER_OTLP_TIMEOUT": "soon"]) != nil)
        #expect(error(environment: ["OTEL_EXPORTER_OTLP_CERTIFICATE": "/no/such/ca.pem"])?.message.contains("CERTIFICATE") == true)
        #expect(error(environment: ["OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE": pem])?.message.contains("go together") == true)
    }

    @Test func theStandardVariablesWinOverBrokleYaml() throws {
        let settings = try load(
            yaml: """
                otel:
                  endpoint: http://collector:4318
                  headers: { x-team: yaml, x-other: kept }
                  service_name: from-yaml
                  sampler: always_on
                  capture_content: false
                  batch: { delay: 200ms, max_batch: 100, max_queue: 1000, timeout: 3s }
                """,
            environment: [
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://other:4318/v1/traces", "OTEL_SERVICE_NAME": "gateway-eu",
                "OTEL_EXPORTER_OTLP_HEADERS": "x-team=env%20value, authorization=Bearer%20abc",
                "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
                "OTEL_TRACES_SAMPLER_ARG": "0.25", "OTEL_BSP_SCHEDULE_DELAY": "500",
                "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "true",
            ])
        #expect(settings.tracesEndpoint == "http://other:4318/v1/traces")
        #expect(settings.serviceName == "gateway-eu")
        #expect(settings.headers == ["x-team": "env value", "x-other": "kept", "authorization": "Bearer abc"])
        #expect(settings.sampler == "parentbased_traceidratio" && settings.samplerRatio == 0.25)
        #expect(settings.scheduleDelay == 0.5 && settings.exportTimeout == 3)
        #expect(settings.maxExportBatchSize == 100 && settings.maxQueueSize == 1000)
        #expect(settings.captureContent)
    }

    @Test func theSDKCanBeSwitchedOffFromTheEnvironment() throws {
        let yaml = "otel:\n  endpoint: http://collector:4318\n"
        #expect(try load(yaml: yaml, environment: ["OTEL_SDK_DISABLED": "true"]).enabled == false)
        #expect(try load(yaml: yaml, environment: ["OTEL_TRACES_EXPORTER": "none"]).enabled == false)
        #expect(try load(yaml: yaml, environment: ["OTEL_TRACES_EXPORTER": "otlp"]).enabled == true)
    }

    @Test func badValuesNameTheirKeyAndNeverAHeadersValue() {
        #expect(error(yaml: "otel:\n  endpoint: collector:4318\n")?.message.contains("otel.endpoint") == true)
        #expect(error(yaml: "otel:\n  sampler: sometimes\n")?.message.contains("otel.sampler") == true)
        #expect(error(yaml: "otel:\n  sampler_arg: 2\n")?.message.contains("otel.sampler_arg") == true)
        #expect(error(yaml: "otel:\n  batch: { max_batch: 10, max_queue: 5 }\n")?.message.contains("otel.batch.max_batch") == true)
        #expect(error(yaml: "otel:\n  protocol: grpc\n")?.message.contains("otel.protocol") == true)
        #expect(error(environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"])?.hint?.contains("no gRPC") == true)
        let headers = error(environment: ["OTEL_EXPORTER_OTLP_HEADERS": "sk-secret-value-without-a-key"])
        #expect(headers?.message.contains("OTEL_EXPORTER_OTLP_HEADERS") == true)
        #expect(headers?.message.contains("sk-secret") == false)
    }

    @Test func headersParseAsTheOTLPSpecificationWritesThem() {
        #expect(TelemetrySettings.headers(parsing: "a=1,B = two%2C3 ,c=x=y") == ["a": "1", "b": "two,3", "c": "x=y"])
        #expect(TelemetrySettings.headers(parsing: "=1") == nil)
        #expect(TelemetrySettings.headers(parsing: "novalue") == nil)
    }
}
