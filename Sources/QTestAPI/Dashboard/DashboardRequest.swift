import Foundation
import HTTPServer
import QTestStore

/// What a dashboard page handler gets: the request, the emulator, and where the dashboard's
/// root is relative to this page (``base``), which every link of the page is written against.
///
/// Links are relative so the dashboard works behind a reverse proxy that serves it under a
/// path prefix (`https://ci.example/qtest/__emulator/ui/`): the page never names its own
/// absolute path, it sets `<base href="../../">` and writes `projects/108781` from there.
struct DashboardRequest: RequestReading {
    let request: HTTPRequest
    let app: EmulatorContext
    /// `./`, `../`, `../../` …: from this page's URL to `…/__emulator/ui/`.
    let base: String
    /// When the handler started, for the render time the page reports.
    let started: UInt64

    /// Nil when the URL is `…/__emulator/ui` without its slash: relative links would resolve
    /// against `…/__emulator/`, so that one is redirected instead.
    init?(_ context: RequestContext, app: EmulatorContext) {
        guard let base = Self.base(forTarget: context.request.target) else { return nil }
        request = context.request
        self.app = app
        self.base = base
        started = DispatchTime.now().uptimeNanoseconds
    }

    /// The relative way from the page at `target` back to the dashboard's root, as a browser
    /// resolves it: one `../` per `/` after the `ui` segment beyond the first. Read from the raw
    /// request target, not the normalized path: `//` in the address bar is two levels to the
    /// browser. Nil when nothing follows `ui` (no trailing slash).
    ///
    /// ```swift
    /// base(forTarget: "/__emulator/ui/")                         // "./"
    /// base(forTarget: "/__emulator/ui/projects/108781/runs/31")  // "../../../"
    /// base(forTarget: "/__emulator/ui")                          // nil
    /// ```
    static func base(forTarget target: String) -> String? {
        var path = Substring(target)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        if !path.hasPrefix("/"), let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        let segments = path.split(separator: "/")
        guard segments.count >= 2 else { return nil }
        let slashes = path[segments[1].endIndex...].reduce(0) { $1 == "/" ? $0 + 1 : $0 }
        guard slashes > 0 else { return nil }
        return slashes == 1 ? "./" : String(repeating: "../", count: slashes - 1)
    }

    /// `?page=`: 1 when absent; a 400 for anything but a positive integer.
    func page() throws -> Int {
        guard let value = try queryInt("page") else { return 1 }
        guard value >= 1 else { throw APIError.badRequest("Query parameter 'page' must be at least 1") }
        return Int(clamping: value)
    }

    /// Milliseconds since the handler started.
    var elapsedMs: Double { Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e6 }
}
