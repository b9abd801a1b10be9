import Foundation
import Testing
import QTestAPI
import TestSupport

/// Uploads with hostile names, types and (mostly) broken multipart bodies: every one is answered
/// with a 2xx or a 4xx `{"message"}`, never a 5xx, and the server stays up. Seeded, so a failure
/// replays.
@Suite struct AttachmentHostileInputTests {
    typealias F = AttachmentFixtures

    static let names: [String?] = [nil, "", "   ", "a.txt", String(repeating: "n", count: 5000), "é🚀.bin", "a\tb", "%00", "../../etc/passwd",
                                   "\"quoted\"", "semi;colon=1"]
    static let boundaries = ["b", "----x", String(repeating: "z", count: 70), String(repeating: "z", count: 71), "with space", ""]

    static func form(_ boundary: String, filename: String) -> Data {
        Data(("preamble\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"; filename*=UTF-8''%0D%0A%00x\r\n"
              + "Content-Type: text/plain\r\n\r\nhello\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n--\(boundary)--\r\n").utf8)
    }

    @Test func hostileUploadsNeverAnswer5xx() throws {
        let h = try EmulatorHarness()
        var rng = HostileInputTests.Seeded(state: 0xA77A_C4ED)
        let owners = try F.owners(h).map { "\($0.type)/\($0.id)" } + ["test-runs/1", "test-cases/9223372036854775807", "defects/-1"]
        var failures: [String] = []
        var statuses: [Int: Int] = [:]
        for i in 0..<240 {
            let owner = owners[Int(rng.next() % UInt64(owners.count))]
            let name = Self.names[Int(rng.next() % UInt64(Self.names.count))]
            var contentType: String? = ["text/plain", "application/octet-stream", nil, String(repeating: "t", count: 600)][Int(rng.next() % 4)]
            var body = Data((0..<Int(rng.next() % 2000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            if rng.next() % 2 == 0 {
                let boundary = Self.boundaries[Int(rng.next() % UInt64(Self.boundaries.count))]
                contentType = ["multipart/form-data; boundary=\(boundary)", "multipart/form-data; boundary=\"\(boundary)\"",
                               "multipart/form-data;boundary", "MULTIPART/FORM-DATA; boundary=\(boundary); charset=utf-8"][Int(rng.next() % 4)]
                body = Self.form(boundary, filename: name ?? "")
                switch rng.next() % 4 {
                case 0: body = body.prefix(Int(rng.next() % UInt64(body.count + 1)))                       // cut anywhere
                case 1: if !body.isEmpty { body[Int(rng.next() % UInt64(body.count))] = UInt8(truncatingIfNeeded: rng.next()) }
                case 2: body.insert(contentsOf: Data("\r\n--\r\n\r\n".utf8), at: Int(rng.next() % UInt64(body.count + 1)))
                default: break
                }
            }
            let r = try F.upload(h.client, "\(F.project)/\(owner)/blob-handles", name: name, contentType: contentType, body)
            statuses[r.status, default: 0] += 1
            if r.status >= 500 || (r.status >= 400 && !(r.object["message"] is String)) {
                failures.append("#\(i) \(owner) name=\(String(describing: name?.prefix(40))) type=\(String(describing: contentType?.prefix(60))) → \(r.status) \(r.text.prefix(200))")
            }
        }
        // Not a walk of refusals only: some of these are stored, some refused, some not found.
        #expect(statuses[201, default: 0] > 10 && statuses[400, default: 0] > 10 && statuses[404, default: 0] > 0, "\(statuses)")
        #expect(failures.isEmpty, "\(failures.count) bad answers:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(try h.get("/__emulator/health").status == 200)
        // Whatever was stored downloads with the bytes it was stored with.
        let found = try F.get(h.client, "\(F.project)/attachments?type=test-cases&pageSize=999")
        for item in (found.object["items"] as? [[String: Any]]) ?? [] {
            let href = try #require(F.selfHref(item))
            let download = try F.get(h.client, F.path(href))
            #expect(download.status == 200, "\(href)")
            #expect(download.header("Content-Disposition")?.contains("\r") == false)
        }
    }
}
