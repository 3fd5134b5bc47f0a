// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "brokle",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brokle", targets: ["brokle"]),
        .executable(name: "brokle-proxy", targets: ["brokle-proxy"]),
        .library(name: "BrokleCLIKit", targets: ["BrokleCLIKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The dashboard's passwords: bcrypt (HummingbirdBcrypt only).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        // gzip for OTLP exports (OTEL_EXPORTER_OTLP_COMPRESSION): zlib on NIO's ByteBuffers.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.4.0"),
        // brokle-allocations only: counts malloc calls (preloaded), for the allocation budget.
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        // Tests only: seeded property checks over the parsers that read hostile input.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Layers, lowest first. Each target imports only the ones above it in this list, so an
        // upward import does not compile (docs/ARCHITECTURE.md draws the graph).
        //
        // The domain: neutral request/response types, routing planner, pricing, limit and cache
        // math, key format, errors. No I/O.
        .target(
            name: "BrokleCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.embedInCode("Pricing/pricing.json")]
        ),
        // Databases (SQLite, PostgreSQL), one store per aggregate, migrations, spill files.
        .target(
            name: "BrokleStorage",
            dependencies: [
                "BrokleCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Flags > environment > .env > brokle.yaml, read once into validated values.
        .target(
            name: "BrokleSettings",
            dependencies: [
                "BrokleCore", "BrokleStorage",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The HTTP server and the upstream client on SwiftNIO, deadlines, TLS.
        .target(
            name: "BrokleTransport",
            dependencies: [
                "BrokleCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // One folder per wire format (OpenAI, Anthropic, Gemini, the mock), SSE, cached-answer replay.
        .target(
            name: "BrokleProviders",
            dependencies: [
                "BrokleCore", "BrokleTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The gateway: pipeline stages, cache, limits, telemetry, trace writer, health, metrics, the dashboard.
        .target(
            name: "BrokleGateway",
            dependencies: [
                "BrokleCore", "BrokleStorage", "BrokleSettings", "BrokleTransport", "BrokleProviders",
                "CBrokleMemory",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            // The dashboard (`/ui`): written here, compiled into the binary, no build step, no CDN.
            resources: [
                .embedInCode("Dashboard/Assets/index.html"), .embedInCode("Dashboard/Assets/app.css"),
                .embedInCode("Dashboard/Assets/api.js"),
                .embedInCode("Dashboard/Assets/app.js"),
                .embedInCode("Dashboard/Assets/audit.js"),
                .embedInCode("Dashboard/Assets/cache.js"),
                .embedInCode("Dashboard/Assets/conversation.js"),
                .embedInCode("Dashboard/Assets/dom.js"),
                .embedInCode("Dashboard/Assets/keys.js"),
                .embedInCode("Dashboard/Assets/limits.js"),
                .embedInCode("Dashboard/Assets/members.js"),
                .embedInCode("Dashboard/Assets/overview.js"),
                .embedInCode("Dashboard/Assets/people.js"),
                .embedInCode("Dashboard/Assets/policies.js"),
                .embedInCode("Dashboard/Assets/traces.js"),
            ]
        ),
        // The library both executables share: the commands and their output, nothing else.
        .target(
            name: "BrokleCLIKit",
            dependencies: [
                "BrokleCore", "BrokleStorage", "BrokleSettings", "BrokleTransport", "BrokleProviders", "BrokleGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "brokle",
            dependencies: [
                "BrokleCLIKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The C library's allocator calls Swift cannot see (glibc's malloc_trim).
        .target(name: "CBrokleMemory"),
        // Turns migrations/**/*.sql into Swift source at build time, so an installed
        // `brokle` carries its schema and works from any folder.
        .executableTarget(name: "brokle-embed-migrations"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["brokle-embed-migrations"]
        ),
        .executableTarget(
            name: "brokle-proxy",
            dependencies: [
                "BrokleCLIKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `make bench`: a fast OpenAI-format upstream, open-loop load generators, the cache's costs.
        .executableTarget(
            name: "brokle-bench",
            dependencies: [
                "BrokleCLIKit", "BrokleCore", "BrokleStorage", "BrokleSettings", "BrokleTransport", "BrokleProviders",
                "BrokleGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Counts the gateway's allocations per proxied request (`make test` holds them to a ceiling).
        .executableTarget(
            name: "brokle-allocations",
            dependencies: [
                "BrokleCore", "BrokleSettings", "BrokleGateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        .testTarget(
            name: "BrokleCLIKitTests",
            dependencies: [
                "BrokleCore", "BrokleStorage", "BrokleSettings", "BrokleTransport", "BrokleProviders", "BrokleGateway",
                "BrokleCLIKit", "brokle", "brokle-proxy", "brokle-bench", "brokle-allocations",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)
