// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "finrca",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "finrca", targets: ["finrca"]),
        .library(name: "Shared", targets: ["Shared"]),
        .library(name: "Ingestor", targets: ["Ingestor"]),
        .library(name: "SampleData", targets: ["SampleData"]),
        .library(name: "Detector", targets: ["Detector"]),
        .library(name: "Notifier", targets: ["Notifier"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
    ],
    targets: [
        .target(
            name: "Shared",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ingestor",
            dependencies: [
                "Shared",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Detector",
            dependencies: [
                "Shared",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "Notifier",
            dependencies: [
                "Shared", "CCurl",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: ["Shared"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SampleData",
            dependencies: ["Shared"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "finrca",
            dependencies: [
                "Shared", "Ingestor", "SampleData", "Detector", "Notifier",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
                        swiftSettings: swiftSettings
        ),
        .testTarget(name: "SharedTests", dependencies: ["Shared"], swiftSettings: swiftSettings),
        .testTarget(name: "IngestorTests", dependencies: ["Ingestor", "Shared"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DetectorTests", dependencies: ["Detector", "Shared", "SampleData"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .target(name: "FinrcaTestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "NotifierTests", dependencies: ["Notifier", "Shared", "FinrcaTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Shared"], swiftSettings: swiftSettings),
        .testTarget(name: "SampleDataTests", dependencies: ["SampleData", "Shared"], swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Shared", "Ingestor", "SampleData", "Detector", "Notifier", "FinrcaTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
