import Foundation
import Testing
import TestSupport

/// What the dashboard tests share: where the seed fixtures are, and small readers of the HTML
/// the pages answer (enough to check links, elements and text without an HTML parser).
enum DashboardFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture of `seed-data/`.
    static func seed(_ name: String) -> String { repository.appendingPathComponent("seed-data/\(name)").path }

    static let ui = "/__emulator/ui"

    /// Every value of `attribute="…"` in `html`, as written (entities not decoded).
    static func attributes(_ attribute: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = html[...]
        let marker = " \(attribute)=\""
        while let start = rest.range(of: marker) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
        return values
    }

    /// The URLs a page refers to: links, images, scripts, stylesheets, forms and control buttons.
    static func references(in html: String) -> [String] {
        ["href", "src", "action", "data-post"].flatMap { attributes($0, in: html) }
    }

    /// Whether a URL would leave the page's relative frame (absolute path, scheme, host).
    static func isAbsolute(_ url: String) -> Bool {
        url.hasPrefix("/") || url.contains("://") || url.lowercased().hasPrefix("javascript:") || url.hasPrefix("\\")
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The `dur` of `Server-Timing: render;dur=1.234`, in milliseconds.
    static func renderMs(_ response: WireResponse) -> Double? {
        response.header("Server-Timing")?.split(separator: "=").last.flatMap { Double($0) }
    }
}

extension EmulatorHarness {
    /// A dashboard page (`path` after `/__emulator/ui/`), without a qTest token.
    func page(_ path: String, headers: [(String, String)] = []) throws -> WireResponse {
        try client.send("GET", DashboardFixtures.ui + "/" + path, headers: headers)
    }
}
