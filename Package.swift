// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "brokle",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brokle", targets: ["brokle"]),
        .library(name: "BrokleCLIKit", targets: ["BrokleCLIKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .executableTarget(
            name: "brokle",
            dependencies: [
                "BrokleCLIKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BrokleCLIKit",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Turns migrations/**/*.sql into Swift source at build time, so an installed
        // `brokle` carries its schema and works from any folder.
        .executableTarget(name: "brokle-embed-migrations"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["brokle-embed-migrations"]
        ),
        .testTarget(
            name: "BrokleCLIKitTests",
            dependencies: ["BrokleCLIKit", "brokle"]
        ),
    ]
)
