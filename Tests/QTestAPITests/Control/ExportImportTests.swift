import Foundation
import Testing
import TestSupport

/// Export and import over a real socket: the demo seed plus objects made through the API
/// export as a fixture that a fresh emulator loads back to the same document, byte for byte;
/// an import is all or nothing, with the seed loader's JSON-path errors.
@Suite struct ExportImportTests {
    static let treeUpload = "/api/v3/projects/108781/auto-test-logs?type=automation"

    /// The demo seed, then a custom field and its value, a case saved, approved and saved again,
    /// runs with manual and automation logs, a defect linked to a run, a requirement linked to
    /// the case, a comment, an attachment and an extra link.
    static func buildState(_ h: EmulatorHarness) throws -> (caseID: Int, attachmentBytes: Data) {
        let field = try h.createdID(try h.post("\(h.p)/settings/test-cases/fields", json: [
            "label": "Risk", "data_type": 3, "allowed_values": [["label": "High"], ["label": "Low", "is_default": true]],
        ]), "field")
        let fieldBody = try h.get("\(h.p)/settings/test-cases/fields/\(field)").object
        let high = try #require((fieldBody["allowed_values"] as? [[String: Any]])?.first { $0["label"] as? String == "High" }?["value"] as? Int)
        let (caseID, steps) = try h.testCase("Exported case", steps: 2)
        #expect(try h.put("\(h.p)/test-cases/\(caseID)", json: ["name": "Exported case", "properties": [["field_id": field, "field_value": "\(high)"]]]).status == 200)
        #expect(try h.put("\(h.p)/test-cases/\(caseID)/approve").status == 200)
        #expect(try h.put("\(h.p)/test-cases/\(caseID)", json: ["name": "Exported case, edited"]).status == 200)

        let release = try h.release("Export release")
        _ = try h.build(release, "Export build")
        let cycle = try h.cycle("Export cycle", parent: release, type: "release")
        let suite = try h.suite("Export suite", parent: cycle, type: "test-cycle")
        let run = try h.run(caseID, parent: suite, type: "test-suite", name: "Export run")
        // The run is of version 1.1, whose steps are copies (new ids) of the first version's.
        #expect(steps.count == 2)
        let latest = try h.get("\(h.p)/test-cases/\(caseID)?expand=teststep").object["test_steps"] as? [[String: Any]] ?? []
        let stepLogs = latest.compactMap { $0["id"] as? Int }.map { ["test_step_id": $0, "status": ["id": 601]] as [String: Any] }
        let manual = try h.post("\(h.p)/test-runs/\(run)/test-logs", json: EmulatorHarness.manualLog(602, steps: stepLogs))
        #expect(manual.status == 201, "\(manual)")

        let upload = try h.post(treeUpload, json: ["test_logs": [
            ["name": "LoginTest", "status": "PASSED", "automation_content": "com.example.LoginTest", "module_names": ["Automated"],
             "exe_start_date": "2026-01-05T10:00:00.125Z", "exe_end_date": "2026-01-05T10:00:02+0000",
             "test_step_logs": [["order": 1, "description": "open", "expected_result": "opened", "actual_result": "ok", "status": "PASSED"]]],
            ["name": "LogoutTest", "status": "FAILED", "automation_content": "com.example.LogoutTest",
             "exe_start_date": "2026-01-05T10:00:03Z", "exe_end_date": "2026-01-05T10:00:04Z"],
        ]])
        #expect(upload.status == 201, "\(upload)")
        let job = try #require(upload.object["id"] as? Int)
        let deadline = Date().addingTimeInterval(20)
        while try h.get("/api/v3/projects/queue-processing/\(job)").object["state"] as? String != "SUCCESS", Date() < deadline { usleep(20_000) }

        let defect = try h.createdID(try h.post("\(h.p)/defects", json: ["properties": [["field_id": 608970, "field_value": "Export defect"]]]), "defect")
        #expect(try h.post("\(h.p)/test-runs/\(run)/link?type=defects", json: [defect]).status == 200)
        let requirement = try h.createdID(try h.post("\(h.p)/requirements", json: ["name": "Export requirement"]), "requirement")
        #expect(try h.post("\(h.p)/requirements/\(requirement)/link?type=test-cases", json: [caseID]).status == 200)
        #expect(try h.post("\(h.p)/releases/\(release)/link?type=requirements", json: [requirement]).status == 200)
        #expect(try h.post("\(h.p)/test-cases/\(caseID)/comments", json: ["content": "Exported comment"]).status == 200)
        let bytes = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let attached = try h.client.send("POST", "\(h.p)/test-cases/\(caseID)/blob-handles", headers: [
            ("Authorization", "Bearer \(Demo.adminToken)"), ("File-Name", "evidence.bin"), ("Content-Type", "application/octet-stream"),
        ], body: bytes)
        #expect(attached.status == 201, "\(attached)")

        // A Jira connection with a mapping of each kind, requirement integration switched off
        // after its mapping was made (the loader must still load that mapping).
        let jira = "\(h.p)/settings/integration/connections"
        let connection = try #require(try h.post(jira, json: ["external_system": "Jira", "connection_name": "Export Jira", "server_url": "https://jira.example.com",
                                                              "web_url": "https://jira-web.example.com", "authentication_type": "OAuth", "username": "apikey",
                                                              "jiraToken": "rt", "jiraSecret": "rs", "jiraVerifier": "v"]).object["connection_id"] as? Int)
        let c = "\(jira)/\(connection)"
        for path in ["?active=true", "/defect?storeUnlinkedDefects=true", "/requirement?active=true",
                     "/release?active=true&autoFilterTestRun=true&mergeDuplicatedFixVersions=true"] {
            #expect(try h.put(c + path).status == 200, "\(path)")
        }
        for (kind, type, body) in [("defect", "10004", ["sendAttachmentToJira": true, "configures": [["externalFieldId": "summary", "qTestFieldIds": "Name,608916"]]]),
                                   ("requirement", "10001", ["external_filter": "10048", "external_field_2_id": "components", "active_external_fields": "id,key"]),
                                   ("release", "Sprint", ["data_retrieval_options": ["completed"], "auto_update_release_scope": true])] as [(String, String, [String: Any])] {
            #expect(try h.post("\(c)/\(kind)/mappings?externalProjectId=10000&externalIssueTypeId=\(type)").status == 200, "\(kind)")
            #expect(try h.put("\(c)/\(kind)/mappings?externalProjectId=10000&externalIssueTypeId=\(type)", json: body).status == 200, "\(kind)")
        }
        #expect(try h.put("\(c)/requirement?active=false").status == 200)
        return (caseID, bytes)
    }

    static func export(_ h: EmulatorHarness) throws -> Data {
        let r = try h.get("/__emulator/export", token: .some(nil))
        #expect(r.status == 200, "\(r)")
        #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
        return r.body
    }

    static func importFixture(_ h: EmulatorHarness, _ body: Data, mode: String? = nil) throws -> WireResponse {
        try h.client.send("POST", "/__emulator/import" + (mode.map { "?mode=\($0)" } ?? ""), headers: [("Content-Type", "application/json")], body: body)
    }

    /// Where two exports first differ, for a readable failure.
    static func difference(_ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n"), y = String(decoding: b, as: UTF8.self).split(separator: "\n")
        let at = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
        let around = { (lines: [Substring]) in lines[max(0, at - 10)..<min(lines.count, at + 3)].joined(separator: "\n") }
        return "line \(at + 1)\n--- first\n\(around(x))\n--- second\n\(around(y))"
    }

    @Test func exportStartsAFreshEmulatorThatExportsTheSameDocument() throws {
        let h = try EmulatorHarness(.live)
        let (caseID, bytes) = try Self.buildState(h)
        let first = try Self.export(h)
        let fixture = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        let project = try #require((fixture["projects"] as? [[String: Any]])?.first { $0["id"] as? Int == 108781 })
        for key in ["fields", "test_cases", "test_runs", "defects", "requirements", "links", "comments", "attachments", "jobs", "automation_agents",
                    "integration_connections"] {
            #expect(project[key] != nil, "the export has \(key)")
        }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try first.write(to: file)
        let fresh = try EmulatorHarness(.live, seed: .file(file.path))
        let second = try Self.export(fresh)
        #expect(second == first, "\(Self.difference(first, second))")

        // What the document stands for works in the new emulator.
        _ = try fresh.login("tester@example.com", "tester123")
        let tc = try fresh.get("\(fresh.p)/test-cases/\(caseID)").object
        #expect(tc["version"] as? String == "1.1" && tc["name"] as? String == "Exported case, edited")
        #expect(try fresh.get("\(fresh.p)/test-cases/\(caseID)/versions").array.compactMap { $0["version"] as? String } == ["1.0", "1.1"])
        let attachments = try fresh.get("\(fresh.p)/test-cases/\(caseID)/attachments").array
        let attachmentID = try #require(attachments.first?["id"] as? Int)
        #expect(attachments.first?["name"] as? String == "evidence.bin")
        let downloaded = try fresh.get("\(fresh.p)/test-cases/\(caseID)/attachments/\(attachmentID)")
        #expect(downloaded.body == bytes, "\(downloaded.status)")
        #expect(try fresh.get("\(fresh.p)/test-cases/\(caseID)/comments").object["total"] as? Int == 1)
        let connections = try #require(fresh.get("\(fresh.p)/settings/integration/connections").json as? [[String: Any]])
        let jira = try #require(connections.first { $0["connection_name"] as? String == "Export Jira" })
        #expect(jira["web_url"] as? String == "https://jira-web.example.com" && jira["active"] as? Bool == true)
        let mappings = "\(fresh.p)/settings/integration/connections/\(jira["id"] as? Int ?? 0)"
        #expect(try fresh.get("\(mappings)/requirement/mappings").array.first?["external_filter"] as? String == "10048")
        #expect(try fresh.get("\(mappings)/release/mappings").array.first?["data_retrieval_options"] as? [String] == ["completed"])
        #expect(try fresh.get("\(mappings)/defect/mappings").array.first?["sendAttachmentToJira"] as? String == "true")
    }

    @Test func importLoadsAllOrNothingWithJSONPathErrors() throws {
        let source = try EmulatorHarness(.router)
        _ = try Self.buildState(source)
        let exported = try Self.export(source)

        let h = try EmulatorHarness(.live, seed: .none)
        let imported = try Self.importFixture(h, exported)
        #expect(imported.status == 200, "\(imported)")
        #expect(imported.object["mode"] as? String == "merge")
        let first = try Self.export(h)
        #expect(first == exported, "\(Self.difference(exported, first))")

        // The same ids again: refused with the path of the first clash, and nothing changes.
        let again = try Self.importFixture(h, exported)
        #expect(again.status == 400, "\(again)")
        #expect((again.object["message"] as? String)?.hasPrefix("$.") == true, "\(again)")
        #expect(try Self.export(h) == exported)

        // Replace empties the store first.
        let replaced = try Self.importFixture(h, exported, mode: "replace")
        #expect(replaced.status == 200, "\(replaced)")
        #expect(try Self.export(h) == exported)

        // Bad input: a message with a JSON path, never a 500.
        let cases: [(String, String)] = [
            ("not json", "$: "), (#"{"users":[{}]}"#, "$.users[0].username: missing required key"),
            (#"{"projects":[{"name":"P","members":[{"user_id":"x"}]}]}"#, "$.projects[0].members[0].user_id: expected an integer"),
            (#"{"projects":[{"name":"P","test_cases":[{"name":"C","version_id":1,"versions":[{"version":"2.0","name":"C"}],"version":"1.0"}]}]}"#,
             "$.projects[0].test_cases[0].version: 1.0 must come after 2.0"),
            (#"{"projects":[{"name":"P","jobs":[{"type":"X","state":"DONE"}]}]}"#, "$.projects[0].jobs[0].state: expected one of"),
            (#"{"projects":[{"name":"P","attachments":[{"object_type":"test-cases","object_id":1,"name":"a","data":""}]}]}"#,
             "$.projects[0].attachments[0].object_id: test-cases 1 does not exist"),
            (#"{"projects":[{"name":"P","links":[{"source_type":"widgets","source_id":1,"target_type":"defects","target_id":2}]}]}"#,
             "$.projects[0].links[0].source_type: expected one of"),
        ]
        for (body, message) in cases {
            let r = try Self.importFixture(h, Data(body.utf8), mode: "replace")
            #expect(r.status == 400, "\(body): \(r)")
            #expect((r.object["message"] as? String)?.hasPrefix(message) == true, "\(body): \(r)")
        }
        #expect(try Self.export(h) == exported, "failed imports, even in replace mode, change nothing")
        #expect(try Self.importFixture(h, exported, mode: "bogus").status == 400)
    }
}
