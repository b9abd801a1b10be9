import Foundation
import Testing
import QTestAPI
import TestSupport

/// Upload, list, download and delete on every object type that takes attachments, over a live
/// socket: the answers have the contract's `AttachmentResource` keys in its order, and the bytes
/// come back exactly as they went in (binary, text, multipart, non-ASCII names).
@Suite struct AttachmentRoundTripTests {
    typealias F = AttachmentFixtures

    @Test func everyOwnerTypeUploadsListsDownloadsAndDeletes() throws {
        let h = try EmulatorHarness()
        for (type, id) in try F.owners(h) {
            let object = "\(F.project)/\(type)/\(id)"
            let created = try F.upload(h.client, object + "/blob-handles", name: "file-\(type).bin", contentType: "application/octet-stream", F.binary)
            #expect(created.status == 201, "\(type): \(created)")
            let resource = created.object
            #expect(Set(resource.keys) == Set(F.resourceKeys), "\(type): \(resource.keys.sorted())")
            #expect(F.keyOrder(created.text, of: F.resourceKeys) == F.resourceKeys, "\(type): \(created.text)")
            #expect(resource["data"] == nil)
            #expect(resource["name"] as? String == "file-\(type).bin")
            #expect(resource["content_type"] as? String == "application/octet-stream")
            #expect(resource["artifact_id"] as? Int64 == id)
            #expect(Set((resource["author"] as? [String: Any])?.keys ?? [:].keys) == Set(F.authorKeys))
            #expect((resource["author"] as? [String: Any])?["id"] as? Int == Int(Demo.adminID))
            #expect((resource["web_url"] as? String)?.contains("/p/108781/portal/attachment/") == true)
            let attachmentID = try #require(resource["id"] as? Int)
            let href = try #require(F.selfHref(resource))
            #expect(href.hasSuffix("\(object)/attachments/\(attachmentID)"), "\(href)")

            let listed = try F.get(h.client, object + "/attachments")
            #expect(listed.status == 200)
            #expect(listed.array.map { $0["id"] as? Int } == [attachmentID], "\(type): \(listed)")
            #expect(Set(listed.array.first?.keys ?? [:].keys) == Set(F.resourceKeys))

            // The self link is the download.
            let download = try F.get(h.client, F.path(href))
            #expect(download.status == 200, "\(type): \(download.status)")
            #expect(download.body == F.binary, "\(type): \(download.body.count) bytes")
            #expect(download.header("Content-Type") == "application/octet-stream")
            #expect(download.header("Content-Disposition") == "attachment; filename=\"file-\(type).bin\"")
            #expect(try F.get(h.client, object + "/attachments/\(attachmentID)?forceDownload=true").body == F.binary)

            let deleted = try h.delete(object + "/blob-handles/\(attachmentID)")
            #expect(deleted.status == 200, "\(type): \(deleted)")
            #expect(deleted.object["message"] is String)
            #expect(try F.get(h.client, object + "/attachments").array.isEmpty)
            let gone = try F.get(h.client, object + "/attachments/\(attachmentID)")
            #expect(gone.status == 404)
            #expect(gone.object["message"] is String)
            let again = try h.delete(object + "/blob-handles/\(attachmentID)")
            #expect(again.status == 404)
            #expect(again.object["message"] as? String == "Blob Handle not found")
        }
    }

    @Test func textAndNonASCIINamesRoundTrip() throws {
        let h = try EmulatorHarness()
        let object = "\(F.project)/test-cases/40000001"
        let text = Data("línea 1\r\nline 2\n\u{0}tab\there 🚀".utf8)
        let created = try F.upload(h.client, object + "/blob-handles", name: "résumé \"final\".txt", contentType: "text/plain; charset=utf-8", text)
        #expect(created.status == 201, "\(created)")
        #expect(created.object["name"] as? String == "résumé \"final\".txt")
        #expect(created.object["content_type"] as? String == "text/plain; charset=utf-8")
        let id = try #require(created.object["id"] as? Int)
        let download = try F.get(h.client, object + "/attachments/\(id)")
        #expect(download.body == text)
        #expect(download.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(download.header("Content-Disposition")
                == "attachment; filename=\"r_sum_ _final_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt")
        // An empty file is a file too; without a Content-Type it is octet-stream.
        let empty = try F.upload(h.client, object + "/blob-handles", name: "empty", contentType: nil, Data())
        #expect(empty.status == 201, "\(empty)")
        #expect(empty.object["content_type"] as? String == "application/octet-stream")
        let emptyID = try #require(empty.object["id"] as? Int)
        let emptyDownload = try F.get(h.client, object + "/attachments/\(emptyID)")
        #expect(emptyDownload.status == 200)
        #expect(emptyDownload.body.isEmpty)
        #expect(emptyDownload.header("Content-Length") == "0")
    }

    /// Some clients post a form with a `file` part; its filename and type are the file's.
    @Test func multipartUploadsAreAccepted() throws {
        let h = try EmulatorHarness()
        let object = "\(F.project)/requirements/\(try F.owners(h)[2].id)"
        let boundary = "----qtestBoundary7MA4YWxk"
        func form(_ parts: [(headers: String, body: Data)], preamble: String = "") -> Data {
            var body = Data(preamble.utf8)
            for part in parts {
                body.append(Data("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8))
                body.append(part.body)
                body.append(Data("\r\n".utf8))
            }
            body.append(Data("--\(boundary)--\r\n".utf8))
            return body
        }
        // The file bytes hold CRLFs and a line that starts like a delimiter but is not one.
        let bytes = F.binary + Data("\r\n--\(boundary)X not the end\r\n".utf8) + F.binary
        let body = form([
            ("Content-Disposition: form-data; name=\"description\"", Data("ignored".utf8)),
            ("Content-Disposition: form-data; name=\"file\"; filename=\"trace.log\"\r\nContent-Type: text/x-log", bytes),
        ], preamble: "This is the preamble.\r\n")
        let created = try F.upload(h.client, object + "/blob-handles", name: nil, contentType: "multipart/form-data; boundary=\"\(boundary)\"", body)
        #expect(created.status == 201, "\(created)")
        #expect(created.object["name"] as? String == "trace.log")
        #expect(created.object["content_type"] as? String == "text/x-log")
        let id = try #require(created.object["id"] as? Int)
        #expect(try F.get(h.client, object + "/attachments/\(id)").body == bytes)

        // File-Name wins over the part's filename; a part without a type is octet-stream.
        let named = try F.upload(h.client, object + "/blob-handles", name: "named.bin", contentType: "multipart/form-data; boundary=\(boundary)",
                                 form([("Content-Disposition: form-data; name=\"file\"; filename=\"other.bin\"", Data("abc".utf8))]))
        #expect(named.object["name"] as? String == "named.bin")
        #expect(named.object["content_type"] as? String == "application/octet-stream")

        for (contentType, bad) in [
            ("multipart/form-data", body),                                                               // no boundary
            ("multipart/form-data; boundary=nope", body),                                                // boundary not in the body
            ("multipart/form-data; boundary=\(boundary)", Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc".utf8)),
            ("multipart/form-data; boundary=\(boundary)", form([("Content-Disposition: form-data; name=\"other\"", Data("x".utf8))])),
            ("multipart/form-data; boundary=\(boundary)", form([("Content-Disposition: form-data; name=\"file\"", Data("x".utf8))])),  // no name anywhere
            ("multipart/form-data; boundary=\(boundary)", Data("--\(boundary)\r\nno colon here\r\n\r\nx\r\n--\(boundary)--".utf8)),
        ] {
            let r = try F.upload(h.client, object + "/blob-handles", name: nil, contentType: contentType, bad)
            #expect(r.status == 400, "\(contentType): \(r)")
            #expect(r.object["message"] is String)
        }
        #expect(try F.get(h.client, object + "/attachments").array.count == 2)
    }
}
