// swift-tools-version:6.0
import PackageDescription

// A libFuzzer target for the request-body JSON parser, kept out of the main package so that
// `swift build` / `swift test` at the root never see it. The JSON sources are symlinks into
// Sources/QTestAPI/JSON: the fuzzer runs exactly the code the emulator runs. Build and run it with
// scripts/fuzz-json-parser.sh.
let package = Package(
    name: "json-parser-fuzz",
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "JSONParserFuzz", dependencies: ["CFuzzerDriver"]),
    ]
)
