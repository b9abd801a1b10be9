import Foundation
import Testing
import QTestStore
@testable import QTestAPI
import TestSupport

/// AutomationJobApi (agents search, schedules) and ToscaApi (TestEvent import) end to end.
@Suite struct AutomationAgentTests {
    /// Adds agents through the store: the API has no call that registers one.
    static func addAgents(_ h: EmulatorHarness) throws {
        try h.app.context.database.write { db in
            // Start from these agents only, not the demo seed's.
            for seeded: Int64 in 3001...3004 { try AutomationAgents.delete(db, seeded) }
            try AutomationAgents.create(db, AutomationAgentRecord(projectId: 108781, name: "Selenium Grid", hostId: 11, hostName: "ci-linux-1",
                                                                  framework: "JUnit for Java", configuration: #"{"path":"/opt/tests"}"#))
            try AutomationAgents.create(db, AutomationAgentRecord(projectId: 108781, name: "Shell runner", hostId: 12, hostName: "ci-linux-2",
                                                                  framework: "Shell Agent", active: false))
            try AutomationAgents.create(db, AutomationAgentRecord(projectId: 108782, name: "Private agent", hostId: 13, hostName: "secret-host",
                                                                  framework: "Shell Agent"))
        }
    }

    func search(_ h: EmulatorHarness, _ query: String?, fields: [String]? = nil, token: String? = Demo.adminToken, page: String = "") throws -> WireResponse {
        var body: [String: Any] = [:]
        if let query { body["query"] = query }
        if let fields { body["fields"] = fields }
        return try h.post("/api/v3/automation/automation-agents\(page)", json: body, token: token)
    }

    static func names(_ r: WireResponse) -> [String] {
        (r.object["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func searchIsPagedAndLimitedToTheCallersProjects() throws {
        let h = try EmulatorHarness(.router)
        try Self.addAgents(h)
        let all = try search(h, nil)
        #expect(all.status == 200)
        #expect(all.object["total"] as? Int == 3)
        let tester = try search(h, nil, token: Demo.testerToken)
        #expect(Self.names(tester) == ["Selenium Grid", "Shell runner"], "the tester is not in 108782")
        let page = try search(h, nil, page: "?page=2&pageSize=2")
        #expect(Self.names(page) == ["Private agent"])
        #expect(page.object["page_size"] as? Int == 2)
    }

    @Test func queryLanguage() throws {
        let h = try EmulatorHarness(.router)
        try Self.addAgents(h)
        #expect(Self.names(try search(h, "name ~ 'selenium'")) == ["Selenium Grid"])
        #expect(Self.names(try search(h, "framework = 'Shell Agent' and active = 'active'")) == ["Private agent"])
        #expect(Self.names(try search(h, "host_id >= 12 and project_id = 108781 or name = 'Selenium Grid'")) == ["Selenium Grid", "Shell runner"])
        #expect(Self.names(try search(h, "host_name !~ linux")) == ["Private agent"])
        #expect(Self.names(try search(h, "framework is not empty")).count == 3)
        #expect(try search(h, "colour = 'red'").status == 400)
        #expect(try search(h, "name ~").status == 400)
        #expect(try search(h, "name = 'unterminated").status == 400)
    }

    @Test func fieldsNarrowTheItems() throws {
        let h = try EmulatorHarness(.router)
        try Self.addAgents(h)
        let r = try search(h, "name = 'Selenium Grid'", fields: ["name", "framework"])
        let item = try #require((r.object["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == ["links", "id", "name", "framework"])
        let full = try #require((try search(h, "name = 'Selenium Grid'", fields: ["*"]).object["items"] as? [[String: Any]])?.first)
        #expect((full["configuration"] as? [String: Any])?["path"] as? String == "/opt/tests")
    }

    @Test func scheduleCreation() throws {
        let h = try EmulatorHarness(.router)
        try Self.addAgents(h)
        let agents = try #require(try search(h, nil).object["items"] as? [[String: Any]])
        let active = try #require(agents.first { $0["name"] as? String == "Selenium Grid" }?["id"] as? Int)
        let inactive = try #require(agents.first { $0["name"] as? String == "Shell runner" }?["id"] as? Int)
        let foreign = try #require(agents.first { $0["name"] as? String == "Private agent" }?["id"] as? Int)
        let created = try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": active, "projectId": 108781, "name": "Nightly", "testRunIds": [], "dynamic": ["browser": "firefox"]])
        #expect(created.status == 201)
        let id = try #require(created.json as? Int)
        #expect(id > 0)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": inactive, "projectId": 108781]).status == 400)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": foreign, "projectId": 108781]).status == 404)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": active, "projectId": 108781, "testRunIds": [987654321]]).status == 404)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["projectId": 108781]).status == 400)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": foreign, "projectId": 108782], token: Demo.testerToken).status == 403)
    }

    @Test func toscaImportGoesThroughTheQueueAndIsIdempotent() throws {
        let h = try EmulatorHarness(.router)
        let event: [[String: Any]] = [[
            "name": "Execution List", "toscaUniqueId": "el-1", "toscaNodePath": "/Execution/Lists/Execution List",
            "testRuns": [
                ["name": "Entry A", "toscaUniqueId": "ee-a", "toscaNodePath": "/Execution/Lists/Execution List/Entry A",
                 "associatedToscaTestCase": ["toscaUniqueId": "tc-a", "toscaNodePath": "/TestCases/A"]],
                ["name": "Entry B", "toscaUniqueId": "ee-b", "toscaNodePath": "/Execution/Lists/Execution List/Entry B"],
            ],
            "testCycles": [["name": "Nested List", "toscaUniqueId": "el-2", "toscaNodePath": "/Execution/Lists/Nested", "testRuns": []]],
        ]]
        for _ in 1...2 {
            let submitted = try h.post("/api/v3/projects/108781/tosca/import/test-event", json: event)
            #expect(submitted.status == 200)
            let id = try #require(submitted.object["id"] as? Int)
            let done = try AutomationUploadTests.waitForJob(h, id)
            #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        }
        let cycles = try h.get("/api/v3/projects/108781/test-cycles?parentId=0&parentType=root")
        let imported = cycles.array.filter { $0["name"] as? String == "Execution List" }
        #expect(imported.count == 1, "a second import of the same event reuses the cycle")
        let cycleID = try #require(imported.first?["id"] as? Int)
        let runs = try #require(try h.get("/api/v3/projects/108781/test-runs?parentId=\(cycleID)&parentType=test-cycle").object["items"] as? [[String: Any]])
        #expect(runs.compactMap { $0["name"] as? String }.sorted() == ["Entry A", "Entry B"])
        #expect(try h.post("/api/v3/projects/108781/tosca/import/test-event", json: [["name": "No ids"]]).status == 400)
        #expect(try h.post("/api/v3/projects/108781/tosca/import/test-event", json: ["not": "a list"]).status == 400)
    }
}

/// The demo seed's agents, as a fresh `serve` shows them.
@Suite struct SeededAgentTests {
    @Test func demoSeedAgentsAreSearchableAndSchedulable() throws {
        let h = try EmulatorHarness(.router)
        let r = try h.post("/api/v3/automation/automation-agents", json: ["query": "project_id = 108781"])
        let names = AutomationAgentTests.names(r)
        #expect(names.contains("Selenium Grid (Linux)"))
        #expect(names.count == 3)
        let scheduled = try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": 3001, "projectId": 108781, "name": "From seed"])
        #expect(scheduled.status == 201)
        #expect(try h.post("/api/v3/automation/jobs/schedule/create", json: ["agentId": 3003, "projectId": 108781]).status == 400, "inactive")
    }
}
