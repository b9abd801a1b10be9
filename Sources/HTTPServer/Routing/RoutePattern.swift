/// A compiled route pattern such as "/api/v3/projects/{projectId}/test-runs/{testRunId}".
/// Segments are matched exactly (case-sensitive); "{name}" captures one non-empty segment.
struct RoutePattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let text: String
    let segments: [Segment]

    init(_ text: String) {
        self.text = text
        segments = RoutePattern.split(text).map { seg in
            if seg.hasPrefix("{") && seg.hasSuffix("}") && seg.count >= 2 {
                return .parameter(String(seg.dropFirst().dropLast()))
            }
            return .literal(String(seg))
        }
    }

    /// Path segments without empty pieces, so "/a//b/" and "/a/b" match the same routes.
    static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Captured parameters, or nil when the path does not match.
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        // Literals first: most routes fail there, before any allocation. From the end: the
        // routes of a segment count share their first literals ("api", "v3", "projects").
        for index in segments.indices.reversed() {
            if case .literal(let lit) = segments[index], lit != pathSegments[index] { return nil }
        }
        var params: [String: String] = [:]
        for (segment, value) in zip(segments, pathSegments) {
            if case .parameter(let name) = segment { params[name] = String(value) }
        }
        return params
    }
}
