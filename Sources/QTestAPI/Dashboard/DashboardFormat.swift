import Foundation
import QTestStore

/// How values read on the dashboard: dates in UTC to the second, durations and sizes short,
/// statuses by name with their colour class, paging links.
enum DashboardFormat {
    /// `2026-01-12 09:04:00Z`.
    static func date(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "—" }
        let calendar = utcCalendar
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// `850 ms`, `4.2 s`, `3 min 20 s`, `2 h 5 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let s = max(0, seconds)
        if s < 1 { return "\(Int((s * 1000).rounded())) ms" }
        if s < 60 { return String(format: "%.1f s", s) }
        let whole = Int(min(s, 1e12))
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// `512 B`, `4.0 KiB`, `1.2 MiB`.
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1 << 20 { return String(format: "%.1f KiB", Double(count) / 1024) }
        return String(format: "%.1f MiB", Double(count) / 1_048_576)
    }

    /// The statuses of a page, by id, for names.
    struct Statuses {
        let byID: [Int64: ExecutionStatusRecord]

        init(_ statuses: [ExecutionStatusRecord]) {
            byID = Dictionary(statuses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func name(_ id: Int64) -> String { byID[id]?.name ?? "Status \(id)" }

        /// `<span class="status s601">Passed</span>`.
        func label(_ id: Int64) -> HTML { "<span class=\"status s\(id)\">\(name(id))</span>" }

        /// `<span class="dot s601" title="Passed"></span>`.
        func dot(_ id: Int64) -> HTML { "<span class=\"dot s\(id)\" title=\"\(name(id))\"></span>" }

        /// Statuses in their configured order, then unknown ids.
        func ordered(_ ids: some Sequence<Int64>) -> [Int64] {
            ids.sorted { a, b in
                let (x, y) = (byID[a], byID[b])
                return (x?.sortOrder ?? Int.max, a) < (y?.sortOrder ?? Int.max, b)
            }
        }

        /// Count chips (`2 Passed`, `1 Failed`) for a status → count map, zeros left out.
        func chips(_ counts: [Int64: Int]) -> HTML {
            HTML.join(ordered(counts.keys).compactMap { id -> HTML? in
                guard let n = counts[id], n > 0 else { return nil }
                return "<span class=\"chip s\(id)\">\(n) \(name(id))</span>"
            })
        }

        /// A bar with one segment per status, as wide as its share (an SVG: the page's policy
        /// allows no `style` attributes, and `width` on a `rect` is not one).
        func bar(_ counts: [Int64: Int]) -> HTML {
            let total = counts.values.reduce(0, +)
            guard total > 0 else { return "<svg class=\"bar\" viewBox=\"0 0 100 1\" preserveAspectRatio=\"none\"></svg>" }
            var x = 0.0
            var rects: [HTML] = []
            for id in ordered(counts.keys) {
                guard let n = counts[id], n > 0 else { continue }
                let width = Double(n) * 100 / Double(total)
                rects.append("<rect class=\"s\(id)\" x=\"\(String(format: "%.3f", x))\" width=\"\(String(format: "%.3f", width))\" height=\"1\"><title>\(n) \(name(id))</title></rect>")
                x += width
            }
            return "<svg class=\"bar\" viewBox=\"0 0 100 1\" preserveAspectRatio=\"none\" role=\"img\">\(rects)</svg>"
        }
    }

    /// `← newer · page 2 of 7 · older →` links; `link` makes the URL of a page.
    static func pager(page: Int, pageSize: Int, total: Int, link: (Int) -> String, previous: String = "previous", next: String = "next") -> HTML {
        let pages = max(1, (total + pageSize - 1) / max(1, pageSize))
        guard pages > 1 || page > 1 else { return .empty }
        var parts: [HTML] = []
        if page > 1 { parts.append("<a rel=\"prev\" href=\"\(link(min(page - 1, pages)))\">← \(previous)</a>") }
        parts.append("<span class=\"muted\">page \(page) of \(pages) · \(total) in all</span>")
        if page < pages { parts.append("<a rel=\"next\" href=\"\(link(page + 1))\">\(next) →</a>") }
        return "<nav class=\"pages\">\(parts)</nav>"
    }
}
