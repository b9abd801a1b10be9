// swift-tools-version:6.2
// 6.2: swift-log 1.16 declares tools 6.2 (GRDB 7.10 needs 6.1), so no older toolchain resolves the graph.
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "qtest-emulator",
    platforms: [.macOS(.v15)], // Synchronization (Mutex, Atomic) needs macOS 15
    products: [
        .executable(name: "qtest-emulator", targets: ["qtest-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Socket HTTP/1.1 server, parser and route patterns. Knows nothing about qTest.
        .target(name: "HTTPServer", dependencies: [logging]),
        // sqlite3_db_config (variadic, so not callable from Swift): triggers off for bulk writes.
        .target(name: "SQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Empty, except in scripts/build-static.sh's builds: ICU's data trimmed to what the
        // emulator uses (34 MB → 5 MB of the static binary).
        .target(name: "ICUData"),
        // SQLite schema, domain rules, IDs/PIDs, clock. Knows nothing about HTTP.
        .target(name: "QTestStore", dependencies: [
            "SQLiteConfig",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The SQLite C API itself, for incremental blob I/O (attachment bytes).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            logging,
        ]),
        // qTest wire format, auth, route table, job worker, control plane.
        // Crypto: the HMAC-SHA256 signature of webhook deliveries.
        .target(name: "QTestAPI", dependencies: ["HTTPServer", "QTestStore", logging, .product(name: "Crypto", package: "swift-crypto")],
                resources: [.copy("Resources")]),
        .executableTarget(name: "qtest-emulator", dependencies: [
            "HTTPServer", "QTestStore", "QTestAPI", "ICUData", logging,
            // Only to recognise SQLite's errors, so a failure to start names the database file.
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Test plumbing shared by the test targets: the HTTP test client, the emulator harness
        // (live socket or in-process router), the CLI process runner, demo constants.
        .target(name: "TestSupport", dependencies: ["HTTPServer", "QTestStore", "QTestAPI", logging],
                path: "Tests/TestSupport"),
        // An in-memory LogHandler for tests that look at what was logged.
        .target(name: "LogRecorder", dependencies: [logging], path: "Tests/LogRecorder"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport", "LogRecorder", logging]),
        .testTarget(name: "QTestStoreTests", dependencies: ["QTestStore", "LogRecorder"]),
        .testTarget(name: "QTestAPITests", dependencies: ["QTestAPI", "HTTPServer", "QTestStore", "TestSupport", "LogRecorder", logging,
                                                         .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")]),
    ]
)

// `docker/Dockerfile` builds the binary from Package.swift and Sources/ alone: without the test
// targets (whose folders it does not copy), so editing a test does not rebuild the image.
if Context.environment["QTEST_PACKAGE_NO_TESTS"] == "1" {
    package.targets.removeAll { $0.type == .test || $0.path?.hasPrefix("Tests/") == true }
}
