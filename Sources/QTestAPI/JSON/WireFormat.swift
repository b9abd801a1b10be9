import Foundation
import QTestStore

/// Shared pieces of qTest's JSON: dates, links, paged wrappers. Each resource's own mapping
/// lives in its route file; these are the parts every resource repeats.
enum Wire {
    /// `2026-01-05T10:00:00+00:00`, or `.null` (which drops the key) when absent.
    static func date(_ date: Date?) -> JSON {
        guard let date else { return .null }
        return .string(QTestDate.format(date))
    }

    /// `{"rel": …, "href": …}`.
    static func link(_ rel: String, _ href: String) -> JSON {
        ["rel": .string(rel), "href": .string(href)]
    }

    /// The paged wrapper qTest uses for searches and run/log lists:
    /// `{"links":[],"page":1,"page_size":100,"total":3,"items":[…]}`.
    static func paged(_ items: [JSON], page: Int, pageSize: Int, total: Int) -> JSON {
        ["links": [], "page": .number(page), "page_size": .number(pageSize), "total": .number(total), "items": .array(items)]
    }

    /// Absolute API URL for a path under the caller's base URL.
    static func href(_ context: some RequestReading, _ path: String) -> String {
        context.baseURL + path
    }
}

/// `page`/`pageSize` query parameters with qTest's defaults and its 999 ceiling.
struct PageRequest {
    let page: Int
    /// nil = every item (negative pageSize on some lists).
    let pageSize: Int?

    static let maximumPageSize = 999

    /// - Parameters:
    ///   - sizeKey: `pageSize` on most lists, `size` on test cases, requirements and v4 steps.
    ///   - defaultSize: the documented default for this list.
    ///   - negativeMeansAll: test-cycle lists return everything for a negative page size.
    ///   - capped: whether sizes above 999 are reduced to 999 (not for test cases, where
    ///     clients ask for `size=10000` and expect all of them).
    init(_ context: some RequestReading, sizeKey: String = "pageSize", defaultSize: Int = 100,
         negativeMeansAll: Bool = false, capped: Bool = true) throws {
        let page = try context.queryInt("page") ?? 1
        guard page >= 1 || page == 0 else { throw APIError.badRequest("Query parameter 'page' must be at least 1") }
        self.page = max(1, Int(clamping: page))
        let size = try context.queryInt(sizeKey) ?? Int64(defaultSize)
        if size < 0 {
            guard negativeMeansAll else { throw APIError.badRequest("Query parameter '\(sizeKey)' must not be negative") }
            pageSize = nil
        } else if size == 0 {
            pageSize = defaultSize
        } else {
            pageSize = capped ? min(Int(clamping: size), PageRequest.maximumPageSize) : Int(clamping: size)
        }
    }

    var paging: Paging { Paging(page: page, pageSize: pageSize) }

    /// The page size to report in a wrapper (`page_size`).
    var reportedSize: Int { pageSize ?? 0 }
}
