// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        // Socket HTTP/1.1 server, parser and route patterns. Knows nothing about qTest.
        .target(name: "HTTPServer"),
        // SQLite schema, domain rules, IDs/PIDs, clock. Knows nothing about HTTP.
        .target(name: "QTestStore", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // qTest wire format, auth, route table, job worker, control plane.
        .target(name: "QTestAPI", dependencies: ["HTTPServer", "QTestStore"],
                resources: [.copy("Resources")]),
        .executableTarget(name: "qtest-emulator", dependencies: [
            "HTTPServer", "QTestStore", "QTestAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "QTestStoreTests", dependencies: ["QTestStore"]),
        .testTarget(name: "QTestAPITests", dependencies: ["QTestAPI", "HTTPServer", "QTestStore"],
                    resources: [.copy("Fixtures")]),
    ]
)
