import Foundation

/// Flag defaults taken from `QTEST_EMULATOR_*` environment variables, so a container or CI job
/// can configure the emulator without rewriting its command line. A flag on the command line
/// still wins, because these only supply the default value.
enum EnvironmentDefaults {
    static func string(_ name: String, _ fallback: String) -> String {
        ProcessInfo.processInfo.environment["QTEST_EMULATOR_\(name)"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }

    static func optionalString(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["QTEST_EMULATOR_\(name)"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func int(_ name: String, _ fallback: Int) -> Int {
        optionalString(name).flatMap { Int($0) } ?? fallback
    }
}
