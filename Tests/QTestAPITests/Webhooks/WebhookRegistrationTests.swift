import Foundation
import Testing
@testable import QTestAPI
import TestSupport

extension EmulatorHarness {
    /// Registers a webhook; returns its id.
    func webhook(_ url: String, events: [String] = WebhookTests.allEvents, projects: [Int64] = [Demo.projectID],
                 secret: String? = nil, type: String = "json", name: String = "hook") throws -> Int {
        var body: [String: Any] = ["name": name, "url": url, "events": events, "responseType": type, "projectIds": projects]
        if let secret { body["secretKey"] = secret }
        let r = try post("/api/v3/webhooks", json: body)
        guard r.status == 201, let id = r.object["id"] as? Int else { throw TestClientError(description: "webhook not registered: \(r)") }
        return id
    }

    /// `GET /__emulator/webhooks/deliveries` items (newest first).
    func deliveries(_ query: String = "") throws -> [[String: Any]] {
        try get("/__emulator/webhooks/deliveries\(query.isEmpty ? "" : "?" + query)").object["items"] as? [[String: Any]] ?? []
    }

    /// Waits until the deliveries matching `query` satisfy `done`; returns the last read.
    @discardableResult
    func waitForDeliveries(_ query: String = "", timeout: TimeInterval = 15, until done: ([[String: Any]]) -> Bool) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        var items = try deliveries(query)
        while !done(items) && Date() < deadline {
            usleep(20_000)
            items = try deliveries(query)
        }
        return items
    }
}

/// WebhookApi: the six operations, their rules and permission.
@Suite struct WebhookTests {
    static let allEvents = [
        "testcase_created", "testcase_updated", "testcase_deleted", "testcase_approved",
        "testrun_created", "testrun_updated", "testrun_deleted", "testlog_submitted", "testlog_modified",
        "project_created", "project_updated", "defect_submitted", "defect_modified", "defect_linked", "defect_unlinked",
        "requirement_created", "requirement_updated", "requirement_deleted", "requirement_linked", "requirement_unlinked",
    ]

    @Test func eventNamesAreABareArray() throws {
        let h = try EmulatorHarness(.router)
        let r = try h.get("/api/v3/webhooks/events")
        #expect(r.status == 200)
        #expect((try JSONSerialization.jsonObject(with: r.body) as? [String]) == Self.allEvents)
    }

    @Test func registerReadChangeDelete() throws {
        let h = try EmulatorHarness(.router)
        let created = try h.post("/api/v3/webhooks", json: [
            "name": "CI bot", "url": "http://127.0.0.1:9/hook", "events": ["testlog_submitted", "defect_submited"],
            "secretKey": "k", "responseType": "json", "projectIds": [Demo.projectID],
        ])
        #expect(created.status == 201, "\(created)")
        let id = try #require(created.object["id"] as? Int)
        #expect(created.object["name"] as? String == "CI bot")
        #expect(created.object["events"] as? [String] == ["testlog_submitted", "defect_submited"], "the misspelling is accepted and kept")
        #expect(created.object["projectIds"] as? [Int] == [Int(Demo.projectID)])
        #expect(created.object["responseType"] as? String == "json")
        #expect(created.object["secretKey"] as? String == "k")
        #expect(created.object["createdDate"] is String && created.object["lastModifiedDate"] is String)

        #expect((try h.get("/api/v3/webhooks").array).compactMap { $0["id"] as? Int } == [id])
        #expect(try h.get("/api/v3/webhooks/\(id)").object["url"] as? String == "http://127.0.0.1:9/hook")

        let changed = try h.put("/api/v3/webhooks/\(id)", json: ["url": "http://localhost:10/other", "projectIds": [0]])
        #expect(changed.status == 200, "\(changed)")
        #expect(changed.object["url"] as? String == "http://localhost:10/other")
        #expect(changed.object["name"] as? String == "CI bot", "what the body leaves out stays")
        #expect(changed.object["projectIds"] as? [Int] == [0], "0: every project")

        let deleted = try h.delete("/api/v3/webhooks/\(id)")
        #expect(deleted.status == 200)
        #expect(try h.get("/api/v3/webhooks/\(id)").status == 404)
        #expect(try h.put("/api/v3/webhooks/\(id)", json: ["name": "x"]).status == 404)
        #expect(try h.delete("/api/v3/webhooks/\(id)").status == 404)
        #expect(try h.get("/api/v3/webhooks/not-a-number").status == 404)
        #expect(try h.get("/api/v3/webhooks").array.isEmpty)
    }

    @Test func badRegistrationsAre400() throws {
        let h = try EmulatorHarness(.router)
        let good: [String: Any] = ["name": "n", "url": "https://hooks.example.com/x", "events": ["testrun_created"], "projectIds": [Demo.projectID]]
        #expect(try h.post("/api/v3/webhooks", json: good).status == 201, "https registers")
        for (key, value) in [("url", "ftp://example.com/x" as Any), ("url", "/relative/path"), ("url", "not a url"), ("url", "http://"),
                             ("events", [String]()), ("events", ["testrun_started"]), ("events", [1]), ("responseType", "xml"),
                             ("projectIds", [424242])] {
            var body = good
            body[key] = value
            let r = try h.post("/api/v3/webhooks", json: body)
            #expect(r.status == 400, "\(key)=\(value): \(r)")
        }
        var noURL = good
        noURL["url"] = nil
        #expect(try h.post("/api/v3/webhooks", json: noURL).status == 400)
        #expect(try h.post("/api/v3/webhooks", json: [1, 2]).status == 400)
        #expect(try h.get("/api/v3/webhooks").array.count == 1, "nothing refused was kept")
    }

    /// "Manage Webhooks" is the site admin's in the demo seed; the tester has it not.
    @Test func othersGet403() throws {
        let h = try EmulatorHarness(.router)
        let id = try h.webhook("http://127.0.0.1:9/hook")
        let tester = Demo.testerToken
        #expect(try h.get("/api/v3/webhooks/events", token: tester).status == 403)
        #expect(try h.get("/api/v3/webhooks", token: tester).status == 403)
        #expect(try h.get("/api/v3/webhooks/\(id)", token: tester).status == 403)
        #expect(try h.post("/api/v3/webhooks", json: ["url": "http://127.0.0.1:9/", "events": ["testrun_created"]], token: tester).status == 403)
        #expect(try h.put("/api/v3/webhooks/\(id)", json: ["name": "mine"], token: tester).status == 403)
        #expect(try h.delete("/api/v3/webhooks/\(id)", token: tester).status == 403)
        #expect(try h.get("/api/v3/webhooks/\(id)").object["name"] as? String == "hook")
        #expect(try h.get("/api/v3/webhooks", token: .some(nil)).status == 401)
    }

    /// Registrations travel with an export; the import that brings them queues nothing.
    @Test func exportAndImportCarryWebhooks() throws {
        let h = try EmulatorHarness(.router)
        let id = try h.webhook("http://127.0.0.1:9/hook", events: ["testcase_created", "defect_submited"], projects: [0], secret: "s")
        let export = try h.get("/__emulator/export")
        let hooks = try #require((try JSONSerialization.jsonObject(with: export.body) as? [String: Any])?["webhooks"] as? [[String: Any]])
        #expect(hooks.count == 1 && hooks[0]["id"] as? Int == id && hooks[0]["project_ids"] as? [Int] == [0])
        #expect(hooks[0]["events"] as? [String] == ["testcase_created", "defect_submited"] && hooks[0]["secret_key"] as? String == "s")

        let other = try EmulatorHarness(.router, seed: .none)
        let imported = try other.client.send("POST", "/__emulator/import", headers: [("Content-Type", "application/json")], body: export.body)
        #expect(imported.status == 200, "\(imported)")
        let copy = try other.get("/api/v3/webhooks/\(id)")
        #expect(copy.status == 200 && copy.object["projectIds"] as? [Int] == [0], "\(copy)")
        usleep(200_000)
        #expect(try other.deliveries().isEmpty, "imported test cases are no events")
        let again = try other.get("/__emulator/export")
        #expect(again.body == export.body, "export → import → export is stable")
    }
}
