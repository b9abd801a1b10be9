import Foundation
import Testing
import QTestAPI
import QTestStore
import TestSupport

/// `GET /projects/{id}/attachments`: the `PagedResource` wrapper, the `type`, `ids`, `author`
/// and `createdDate` filters, paging, and 400s for what cannot be read.
@Suite struct AttachmentSearchTests {
    typealias F = AttachmentFixtures
    static let t0 = QTestDate.parse("2026-01-05T10:00:00Z") ?? Date(timeIntervalSince1970: 0)

    @Test func filtersAndPages() throws {
        let clock = FixedClock(Self.t0)
        let h = try EmulatorHarness(.router, clock: clock)
        // Three files a minute apart: two by the admin on one case, one by the tester on another.
        var ids: [Int] = []
        for (i, (caseID, token)) in [(40000001, Demo.adminToken), (40000001, Demo.adminToken), (40000002, Demo.testerToken)].enumerated() {
            clock.set(Self.t0.addingTimeInterval(Double(i) * 60))
            let r = try F.upload(h.client, "\(F.project)/test-cases/\(caseID)/blob-handles", name: "f\(i).txt", contentType: "text/plain",
                                 Data("\(i)".utf8), token: token)
            #expect(r.status == 201, "\(r)")
            ids.append(try #require(r.object["id"] as? Int))
        }
        _ = try F.upload(h.client, "\(F.project)/defects/\(try F.owners(h).last?.id ?? 0)/blob-handles", name: "d", contentType: nil, Data())

        func search(_ query: String) throws -> [Int] {
            let r = try F.get(h.client, "\(F.project)/attachments?\(query)")
            #expect(r.status == 200, "\(query): \(r)")
            return ((r.object["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
        }
        let all = try F.get(h.client, "\(F.project)/attachments?type=test-cases")
        #expect(F.keyOrder(all.text, of: F.pagedKeys) == F.pagedKeys, "\(all.text)")
        #expect(all.object["total"] as? Int == 3)
        #expect(all.object["page"] as? Int == 1)
        #expect(all.object["page_size"] as? Int == 100)
        #expect(Set(((all.object["items"] as? [[String: Any]]) ?? []).first?.keys ?? [:].keys) == Set(F.resourceKeys))

        #expect(try search("type=test-cases") == ids)
        #expect(try search("type=defects").count == 1)
        #expect(try search("type=releases") == [])
        #expect(try search("type=test-cases&ids=40000002") == [ids[2]])
        #expect(try search("type=test-cases&ids=40000001,40000002") == ids)
        #expect(try search("type=test-cases&ids=40000001&ids=40000002") == ids)
        #expect(try search("type=test-cases&author=\(Demo.testerID)") == [ids[2]])
        #expect(try search("type=test-cases&author=\(Demo.adminID)&ids=40000002") == [])
        // Whole seconds, as the dates read on the wire.
        #expect(try search("type=test-cases&createdDate=eq%202026-01-05T10:01:00Z") == [ids[1]])
        #expect(try search("type=test-cases&createdDate=lt%202026-01-05T10:01:00Z") == [ids[0]])
        #expect(try search("type=test-cases&createdDate=le%202026-01-05T10:01:00%2B00:00") == [ids[0], ids[1]])
        #expect(try search("type=test-cases&createdDate=gt+2026-01-05T10:01:00+00:00") == [ids[2]], "an unencoded + arrives as a space")
        #expect(try search("type=test-cases&createdDate=ge%20\(Int64(Self.t0.timeIntervalSince1970 * 1000) + 60_000)") == [ids[1], ids[2]])

        let page2 = try F.get(h.client, "\(F.project)/attachments?type=test-cases&page=2&pageSize=2")
        #expect(page2.object["total"] as? Int == 3)
        #expect(page2.object["page_size"] as? Int == 2)
        #expect(((page2.object["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int } == [ids[2]])
        #expect(try search("type=test-cases&page=9223372036854775807") == [])
    }

    @Test func unreadableQueriesAre400() throws {
        let h = try EmulatorHarness(.router)
        for query in ["", "type=test-runs", "type=nope", "type=test-cases&ids=abc", "type=test-cases&author=me",
                      "type=test-cases&createdDate=2026-01-05", "type=test-cases&createdDate=after%202026-01-05",
                      "type=test-cases&createdDate=lt%20yesterday", "type=test-cases&createdDate=lt%20-5",
                      "type=test-cases&createdDate=lt%2099999999999999999", "type=test-cases&pageSize=-1"] {
            let r = try F.get(h.client, "\(F.project)/attachments?\(query)")
            #expect(r.status == 400, "\(query): \(r)")
            #expect(r.object["message"] is String, "\(query)")
        }
    }
}
