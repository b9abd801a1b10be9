import Foundation
import Testing

/// The process must outlive any request, so the sources hold no trapping construct: a broken
/// invariant throws and becomes a 500 for that one request. This scan keeps them from coming
/// back (comments and the embedded demo seed's JSON text are not code, and are skipped).
@Suite struct TrapFreeSourceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    static let forbidden: [(name: String, pattern: String)] = [
        ("precondition", #"\bprecondition(Failure)?\("#),
        ("fatalError", #"\bfatalError\("#),
        ("try!", #"\btry!"#),
        ("as!", #"\bas!"#),
        ("force unwrap", #"[A-Za-z0-9_)\]]!([ .,)\]:;]|$)"#),
    ]

    @Test func noTrapsInSources() throws {
        let files = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("DemoSeed.swift") } ?? []
        #expect(files.count > 50, "found the sources at \(Self.sources.path)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let withoutComment = code.components(separatedBy: " // ").first ?? code
                for (name, pattern) in Self.forbidden where withoutComment.range(of: pattern, options: .regularExpression) != nil {
                    found.append("\(file):\(number + 1): \(name): \(code)")
                }
            }
        }
        #expect(found.isEmpty, "trapping constructs:\n\(found.joined(separator: "\n"))")
    }
}
