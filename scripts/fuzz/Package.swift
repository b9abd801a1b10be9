// swift-tools-version:6.0
// Coverage-guided fuzz targets (libFuzzer), kept out of the main package so that a plain
// `swift build` / `swift test` never compiles them. Built only by scripts/fuzz-*.sh, e.g.
//   swift build -c release --package-path scripts/fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer --product FuzzHTTPParser
//
// Sources/<Module> entries that are symlinks point at the main package's modules (the code
// under test is never copied). They are compiled with -enable-testing so a fuzz target can
// `@testable import` internals such as HTTPRequestParser.
//
// Each fuzz target is an executable whose `@main` calls `LLVMFuzzerRunDriver` (declared by the
// LibFuzzerDriver module) with its per-input function: SwiftPM gives every executable a Swift
// `main`, so libFuzzer's own `main()` cannot be used.
//
// Adding a target (e.g. a JSON-parser fuzzer over Sources/QTestAPI/JSON/JSONParser.swift): symlink
// the modules it needs into Sources/ (QTestAPI also needs QTestStore and the GRDB package),
// declare them below with `testable`, add an executableTarget depending on them and on
// "LibFuzzerDriver" (FuzzHTTPParser/FuzzEntry.swift is the pattern), put seeds in
// seeds/<name>/, and copy scripts/fuzz-http-parser.sh.
import PackageDescription

/// Internals visible to `@testable import` even in release builds.
let testable: [SwiftSetting] = [.unsafeFlags(["-enable-testing"])]

let package = Package(
    name: "qtest-emulator-fuzz",
    dependencies: [
        // HTTPServer logs through swift-log (the same requirement as the main package).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "LibFuzzerDriver"),
        .target(name: "HTTPServer", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: testable),
        .executableTarget(name: "FuzzHTTPParser", dependencies: ["HTTPServer", "LibFuzzerDriver"]),
    ]
)
