import Foundation
import Testing
import TestSupport

/// Property values on objects, through the fields they belong to: every artifact kind keeps
/// what is written, values are checked by the field's type, defaults and required fields
/// apply on create, and the automation fields are the ones uploads read and write.
@Suite struct FieldValueTests {
    func settings(_ h: EmulatorHarness, _ type: String) -> String { "\(h.p)/settings/\(type)/fields" }

    /// A custom text field on `type`; returns its id.
    func textField(_ h: EmulatorHarness, _ type: String, _ label: String, required: Bool = false) throws -> Int {
        try h.createdID(try h.post(settings(h, type), json: ["label": label, "data_type": 1, "required": required]), "field")
    }

    @Test func everyArtifactKindRoundTripsACustomValue() throws {
        let h = try EmulatorHarness(.live)
        let release = try h.release()
        let bodies: [(type: String, create: String, json: [String: Any])] = [
            ("releases", "\(h.p)/releases", ["name": "R"]),
            ("builds", "\(h.p)/builds", ["name": "B", "release": ["id": release]]),
            ("requirements", "\(h.p)/requirements", ["name": "Req"]),
            ("test-cases", "\(h.p)/test-cases", ["name": "TC"]),
            ("defects", "\(h.p)/defects", [:]),
            ("test-suites", "\(h.p)/test-suites?parentId=0&parentType=root", ["name": "S"]),
        ]
        for body in bodies {
            let field = try textField(h, body.type, "Ticket \(body.type)")
            var json = body.json
            var properties: [[String: Any]] = [["field_id": field, "field_value": "T-\(body.type)"]]
            if body.type == "defects" { properties.append(["field_id": 608970, "field_value": "Summary is required"]) }
            json["properties"] = properties
            let created = try h.post(body.create, json: json)
            #expect((200...201).contains(created.status), "\(body.type): \(created)")
            let id = try h.createdID(created, body.type)
            let read = try h.get("\(h.p)/\(body.type)/\(id)")
            let prop = FieldContract.property(read.object, field)
            #expect(prop?["field_value"] as? String == "T-\(body.type)", "\(body.type): \(read)")
            #expect(prop?["field_name"] as? String == "Ticket \(body.type)")
            // Every active field of the type is listed, set or not, with a string value.
            let listed = Set((read.object["properties"] as? [[String: Any]] ?? []).compactMap { $0["field_id"] as? Int })
            let active = Set(try h.get(settings(h, body.type)).array.compactMap { $0["id"] as? Int })
            #expect(listed == active, "\(body.type) lists all active fields")
            #expect((read.object["properties"] as? [[String: Any]] ?? []).allSatisfy { $0["field_value"] is String })
        }
        // Runs, through the seed's custom run fields.
        let run = try h.run(try h.testCase("Run case", steps: 0).id)
        let updated = try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": 608922, "field_value": "boom"], ["field_id": 608924, "field_value": 1234]]])
        #expect(updated.status == 200, "\(updated)")
        let read = try h.get("\(h.p)/test-runs/\(run)").object
        #expect(FieldContract.property(read, 608922)?["field_value"] as? String == "boom")
        #expect(FieldContract.property(read, 608924)?["field_value"] as? String == "1234", "numbers are kept as the text sent")
    }

    @Test func valuesAreCheckedByTheFieldsType() throws {
        let h = try EmulatorHarness(.live)
        let runs = settings(h, "test-runs")
        let date = try h.createdID(try h.post(runs, json: ["label": "Due", "data_type": 4]))
        let number = try h.createdID(try h.post(runs, json: ["label": "Retries", "data_type": 7]))
        let users = try h.createdID(try h.post(runs, json: ["label": "Reviewers", "data_type": 5]))
        let multi = try h.post(runs, json: ["label": "Platforms", "data_type": 17, "allowed_values": [["label": "iOS"], ["label": "Android"]]])
        let multiID = try h.createdID(multi)
        let platformValues = (multi.object["allowed_values"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Int }
        #expect(multi.object["multiple"] as? Bool == true && platformValues.count == 2)
        let run = try h.run(try h.testCase("Typed values", steps: 0).id)
        func put(_ field: Int, _ value: Any) throws -> WireResponse {
            try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": field, "field_value": value]]])
        }
        for (field, value) in [(date, "soon"), (number, "many"), (users, "999999"), (users, "[10001,abc]"), (608921, "9999"), (608921, "[723,724]"),
                               (multiID, "[\(platformValues[0]),7]")] as [(Int, Any)] {
            let r = try put(field, value)
            #expect(r.status == 400, "\(field) = \(value): \(r)")
            #expect((r.object["message"] as? String)?.contains("field '") == true, "the message names the field: \(r)")
        }
        for (field, value) in [(date, "2026-03-01"), (date, "2026-03-01T10:00:00.000+0000"), (number, "3.5"), (users, "[10001,10002]"),
                               (multiID, "[\(platformValues[0]),\(platformValues[1])]"), (608921, 724)] as [(Int, Any)] {
            let r = try put(field, value)
            #expect(r.status == 200, "\(field) = \(value): \(r)")
        }
        let read = try h.get("\(h.p)/test-runs/\(run)").object
        #expect(FieldContract.property(read, multiID)?["field_value_name"] as? String == "[iOS, Android]")
        #expect(FieldContract.property(read, users)?["field_value_name"] as? String != nil)
        #expect(FieldContract.property(read, 608921)?["field_value_name"] as? String == "High")
        // A refused write changed nothing.
        _ = try put(608921, "9999")
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, 608921)?["field_value"] as? String == "724")
    }

    @Test func requiredFieldsAndDefaultsApplyOnCreate() throws {
        let h = try EmulatorHarness(.live)
        let required = try textField(h, "requirements", "Owner team", required: true)
        let before = try h.get("\(h.p)/requirements").array.count
        let refused = try h.post("\(h.p)/requirements", json: ["name": "No team"])
        #expect(refused.status == 400 && (refused.object["message"] as? String)?.contains("Owner team") == true, "\(refused)")
        #expect(try h.get("\(h.p)/requirements").array.count == before, "nothing half-created")
        let ok = try h.post("\(h.p)/requirements", json: ["name": "Team", "properties": [["field_id": required, "field_value": "Payments"]]])
        #expect(ok.status == 200, "\(ok)")
        // A test case starts as New / Manual / Automation No (the seed's defaults).
        let tc = try h.post("\(h.p)/test-cases", json: ["name": "Defaults"]).object
        #expect(FieldContract.property(tc, 608940)?["field_value_name"] as? String == "New")
        #expect(FieldContract.property(tc, 608941)?["field_value_name"] as? String == "Manual")
        #expect(FieldContract.property(tc, 608943)?["field_value_name"] as? String == "No")
    }

    @Test func seededCasesCarryNamedValues() throws {
        let h = try EmulatorHarness(.live)
        let tc1 = try h.get("\(h.p)/test-cases/TC-1").object
        #expect(FieldContract.property(tc1, 608940)?["field_value_name"] as? String == "Approved")
        #expect(FieldContract.property(tc1, 608941)?["field_value_name"] as? String == "Manual")
        #expect(FieldContract.property(tc1, 608943)?["field_value_name"] as? String == "No")
        let tc2 = try h.get("\(h.p)/test-cases/TC-2").object
        #expect(FieldContract.property(tc2, 608943)?["field_value_name"] as? String == "Yes")
        #expect(FieldContract.property(tc2, 608944)?["field_value"] as? String == "tests/auth/test_signin.py::test_wrong_password")
    }

    @Test func uploadsSetTheAutomationFieldsAndReuseCasesByAutomationContent() throws {
        let h = try EmulatorHarness(.live)
        // A case made through the API with an Automation Content is the one a later upload reuses.
        let made = try h.post("\(h.p)/test-cases", json: ["name": "Checkout total", "properties": [["field_id": 608944, "field_value": "shop.CheckoutTest#total"]]])
        let madeID = try h.createdID(made)
        #expect(FieldContract.property(made.object, 608944)?["field_value"] as? String == "shop.CheckoutTest#total")
        for path in [AutomationUploadTests.suiteUpload, AutomationUploadTests.treeUpload] {
            var body: [String: Any] = ["test_logs": [
                AutomationUploadTests.log("total", "PASSED", content: "shop.CheckoutTest#total"),
                AutomationUploadTests.log("fresh", "FAILED", content: "shop.CheckoutTest#fresh\(path.count)"),
            ]]
            if path == AutomationUploadTests.suiteUpload { body["execution_date"] = "2026-01-05T10:00:00Z" } else { body["test_cycle"] = try h.cycle() }
            let r = try h.post(path, json: body)
            #expect(r.status == 201, "\(r)")
            let done = try AutomationUploadTests.waitForJob(h, r.object["id"] as? Int ?? 0)
            #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        }
        // Both uploads reused the API-made case: only one case has that content.
        let search = try h.get("\(h.p)/test-cases?size=999&expandProps=true").array
        let withContent = search.filter { FieldContract.property($0, 608944)?["field_value"] as? String == "shop.CheckoutTest#total" }
        #expect(withContent.compactMap { $0["id"] as? Int } == [madeID])
        // Cases the uploads created read back automated, with their fingerprint.
        let fresh = search.filter { ($0["name"] as? String) == "fresh" }
        #expect(fresh.count == 2)
        for tc in fresh {
            #expect(FieldContract.property(tc, 608943)?["field_value_name"] as? String == "Yes", "\(tc)")
            #expect((FieldContract.property(tc, 608944)?["field_value"] as? String)?.hasPrefix("shop.CheckoutTest#fresh") == true)
        }
        // Clearing the content through the API ends the reuse.
        #expect(try h.put("\(h.p)/test-cases/\(madeID)", json: ["properties": [["field_id": 608944, "field_value": ""]]]).status == 200)
        #expect(FieldContract.property(try h.get("\(h.p)/test-cases/\(madeID)").object, 608944)?["field_value"] as? String == "")
    }

    /// Uploads with properties take the one-by-one path, without them the bulk path: both give
    /// new cases and runs their defaults, and both ignore unknown field ids (notes §6).
    @Test func uploadsApplyDefaultsAndIgnoreUnknownFieldIDs() throws {
        let h = try EmulatorHarness(.live)
        let runs = settings(h, "test-runs")
        let stage = try h.post(runs, json: ["label": "Stage", "data_type": 3, "allowed_values": [["label": "CI", "is_default": true], ["label": "Nightly"]]])
        let stageID = try h.createdID(stage)
        let ci = (stage.object["allowed_values"] as? [[String: Any]])?.first?["value"] as? Int
        let withProperties = AutomationUploadTests.log("propertied", "PASSED", content: "pkg.P#propertied", extra: [
            "properties": [["field_id": 424242, "field_value": "ignored"], ["field_id": 608922, "field_value": "trace"]],
        ])
        for log in [withProperties, AutomationUploadTests.log("plain", "PASSED", content: "pkg.P#plain")] {
            let r = try h.post(AutomationUploadTests.suiteUpload, json: ["execution_date": "2026-01-05T10:00:00Z", "test_logs": [log]])
            let done = try AutomationUploadTests.waitForJob(h, r.object["id"] as? Int ?? 0)
            #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
            let suite = try #require(AutomationUploadTests.content(done)["testSuiteId"] as? Int)
            let run = try #require((try h.get("\(h.p)/test-runs?parentId=\(suite)&parentType=test-suite").object["items"] as? [[String: Any]])?.first)
            #expect(FieldContract.property(run, stageID)?["field_value"] as? String == ci.map(String.init), "\(run)")
            if log["properties"] != nil { #expect(FieldContract.property(run, 608922)?["field_value"] as? String == "trace") }
            let caseID = try #require(run["testCaseId"] as? Int)
            let tc = try h.get("\(h.p)/test-cases/\(caseID)").object
            #expect(FieldContract.property(tc, 608940)?["field_value_name"] as? String == "New", "\(tc)")
            #expect(FieldContract.property(tc, 608943)?["field_value_name"] as? String == "Yes")
        }
    }

    @Test func targetReleaseOfASuiteIsItsField() throws {
        let h = try EmulatorHarness(.live)
        let release = try h.release("Target")
        let created = try h.post("\(h.p)/test-suites?parentId=0&parentType=root", json: ["name": "Targeted", "properties": [["field_id": -197, "field_value": release]]])
        #expect(created.status == 200, "\(created)")
        let suite = try h.createdID(created)
        #expect(FieldContract.property(created.object, -197)?["field_value"] as? String == String(release))
        #expect(try h.post("\(h.p)/test-suites?parentId=0&parentType=root", json: ["name": "Bad", "properties": [["field_id": -197, "field_value": 987654]]]).status == 404)
        let cleared = try h.put("\(h.p)/test-suites/\(suite)", json: ["properties": [["field_id": -197, "field_value": ""]]])
        #expect(FieldContract.property(cleared.object, -197)?["field_value"] as? String == "", "\(cleared)")
    }
}
