import Foundation
import QTestStore

/// The query string of `GET /projects/{id}/attachments` as an ``AttachmentQuery``:
/// `type` (required), `ids` (repeated or comma-separated), `author` (a user id) and
/// `createdDate=<lt|le|eq|ge|gt> <date>`; paging is read separately.
///
/// ```swift
/// // ?type=test-cases&ids=40000001&createdDate=ge%202026-01-05T00:00:00Z
/// try AttachmentSearchQuery.parse(context)
/// ```
enum AttachmentSearchQuery {
    static func parse(_ context: some RequestReading) throws -> AttachmentQuery {
        guard let type = context.queryString("type") else { throw APIError.badRequest("Parameter 'type' is required") }
        guard let kind = AttachmentOwners.kind(type) else {
            throw APIError.badRequest("Invalid type '\(type)'. Valid values: \(AttachmentOwners.names)")
        }
        let ids = try context.queryIDs("ids")
        return AttachmentQuery(kind: kind, objectIds: ids.isEmpty ? nil : ids, authorId: try context.queryInt("author"),
                               created: try context.queryString("createdDate").map(dateFilter))
    }

    /// `lt 2026-01-05T10:00:00Z`, `ge 1767607200000` (a timestamp in milliseconds, as Java
    /// clients send), or with an unencoded `+` offset that arrived as a space.
    static func dateFilter(_ text: String) throws -> AttachmentDateFilter {
        let invalid = APIError.badRequest("Query parameter 'createdDate' must be an operator (lt, le, eq, ge, gt) and a date, e.g. 'ge 2026-01-05T00:00:00Z'")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
              let comparison = AttachmentDateFilter.Comparison(rawValue: trimmed[..<space].lowercased()) else { throw invalid }
        let value = trimmed[space...].trimmingCharacters(in: .whitespaces)
        if let millis = Int64(value) {
            // Years 1970 to 9999: the range dates are stored and compared in.
            guard (0...253_402_300_799_999).contains(millis) else { throw invalid }
            return AttachmentDateFilter(comparison, Date(timeIntervalSince1970: Double(millis) / 1000))
        }
        guard let date = QTestDate.parse(value) ?? QTestDate.parse(value.replacingOccurrences(of: " ", with: "+")) else { throw invalid }
        return AttachmentDateFilter(comparison, date)
    }
}
