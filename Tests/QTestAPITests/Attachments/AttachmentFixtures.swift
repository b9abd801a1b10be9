import Foundation
import HTTPServer
import QTestAPI
import QTestStore
import TestSupport

/// Shared pieces of the attachment suites: the contract's key lists, one object of each owner
/// type in the demo project, and upload/download calls with the headers qTest clients send.
enum AttachmentFixtures {
    static let project = "/api/v3/projects/108781"

    /// `AttachmentResource.field_order` of the contract, without `data` (sent only on upload).
    static let resourceKeys = ["links", "name", "content_type", "id", "web_url", "created_date", "author", "artifact_id"]
    /// `AttachmentAuthor.field_order`.
    static let authorKeys = ["id", "email", "first_name", "last_name"]
    /// `PagedResourceAttachmentResource.field_order`.
    static let pagedKeys = ["links", "page", "page_size", "total", "items"]

    /// Every byte value in a length that is no multiple of anything, so truncation and
    /// re-encoding (text decoding, base64) both show.
    static let binary = Data((0..<70_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })

    /// One object of every owner type in the demo project, read from the store.
    static func owners(_ h: EmulatorHarness) throws -> [(type: String, id: Int64)] {
        try h.app.context.database.read { db in
            func first(_ sql: String) throws -> Int64 {
                guard let id = try Int64.fetchOne(db, sql: sql) else { throw TestClientError(description: "no row for \(sql)") }
                return id
            }
            return [
                ("releases", try first("SELECT id FROM releases WHERE project_id = 108781 ORDER BY id")),
                ("builds", try first("SELECT id FROM builds WHERE project_id = 108781 ORDER BY id")),
                ("requirements", try first("SELECT id FROM requirements WHERE project_id = 108781 ORDER BY id")),
                ("test-cases", try first("SELECT id FROM test_cases WHERE project_id = 108781 ORDER BY id")),
                ("test-logs", try first("SELECT id FROM test_logs WHERE project_id = 108781 ORDER BY id")),
                ("test-steps", try first("""
                    SELECT s.id FROM test_steps s JOIN test_case_versions v ON v.id = s.test_case_version_id
                    JOIN test_cases c ON c.id = v.test_case_id WHERE c.project_id = 108781 ORDER BY s.id
                    """)),
                ("test-step-logs", try first("""
                    SELECT s.id FROM test_step_logs s JOIN test_logs l ON l.id = s.test_log_id WHERE l.project_id = 108781 ORDER BY s.id
                    """)),
                ("defects", try first("SELECT id FROM defects WHERE project_id = 108781 ORDER BY id")),
            ]
        }
    }

    /// `POST …/{type}/{id}/blob-handles` with the raw bytes, as the swagger SDKs send it.
    static func upload(_ client: any WireTransport, _ path: String, name: String?, contentType: String?, _ data: Data,
                       token: String = Demo.adminToken) throws -> WireResponse {
        var headers = [("Authorization", "Bearer \(token)")]
        if let name { headers.append(("File-Name", name)) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        return try client.send("POST", path, headers: headers, body: data)
    }

    static func get(_ client: any WireTransport, _ target: String, token: String = Demo.adminToken) throws -> WireResponse {
        try client.send("GET", target, headers: [("Authorization", "Bearer \(token)")])
    }

    /// The path of an absolute href (`http://host/api/…` → `/api/…`).
    static func path(_ href: String) -> String {
        guard let scheme = href.range(of: "://"), let slash = href[scheme.upperBound...].firstIndex(of: "/") else { return href }
        return String(href[slash...])
    }

    /// The `self` href of an answer's `links`.
    static func selfHref(_ object: [String: Any]) -> String? {
        ((object["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "self" })?["href"] as? String
    }

    /// The top-level keys of a JSON object's text in the order they appear.
    static func keyOrder(_ json: String, of keys: [String]) -> [String] {
        keys.compactMap { key in json.range(of: "\"\(key)\":").map { (key, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// An emulator on a live socket whose uploads are capped at `maxAttachmentBytes`.
    static func limitedServer(maxAttachmentBytes: Int, maxBodyBytes: Int = 64 << 20) throws -> (EmulatorApp, HTTPServer, Int) {
        let app = try EmulatorApp(options: EmulatorOptions(maxAttachmentBytes: maxAttachmentBytes))
        let (server, port) = try startTestServer(configure: { $0.maxBodyBytes = maxBodyBytes }, responder: app.router)
        return (app, server, port)
    }
}
