import Foundation
import Testing
import TestSupport

/// FieldApi and CommonApi over a real socket: the dictionary of every object type, custom and
/// site fields through their whole life, allowed values, system-field edits, and the rules
/// that keep clients out of other projects and out of the site's settings.
@Suite struct FieldSettingsTests {
    static let types = ["releases", "builds", "requirements", "test-cases", "test-steps", "defects", "test-suites", "test-runs"]
    func settings(_ h: EmulatorHarness, _ type: String) -> String { "\(h.p)/settings/\(type)/fields" }

    @Test func everyObjectTypeHasItsDictionaryInContractShape() throws {
        let h = try EmulatorHarness(.live)
        for type in Self.types {
            let r = try h.get(settings(h, type))
            #expect(r.status == 200, "\(type): \(r)")
            #expect(!r.array.isEmpty, "\(type) has fields")
            for field in r.array { FieldContract.check(field: field, type) }
        }
        let cases = try h.get(settings(h, "test-cases")).array
        let byOriginal = Dictionary(cases.compactMap { f in (f["original_name"] as? String).map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        #expect(byOriginal["AutomationTestCase"]?["label"] as? String == "Automation")
        #expect(((byOriginal["AutomationTestCase"]?["allowed_values"] as? [[String: Any]]) ?? []).contains { $0["label"] as? String == "Yes" })
        #expect(byOriginal["ClassIdTestCase"]?["label"] as? String == "Automation Content")
        #expect(cases.contains { $0["label"] as? String == "Component" }, "site fields apply to the project")
        let suiteIDs = Set(try h.get(settings(h, "test-suites")).array.compactMap { $0["id"] as? Int })
        #expect(Set([-194, -193, -197, -185, -181, -186, -184]).isSubset(of: suiteIDs))
        let runs = try h.get(settings(h, "test-runs")).array
        #expect(runs.contains { $0["id"] as? Int == -183 })
        for label in ["Failure Output", "Failure Link", "Test SHA", "Execution Type", "Status"] {
            #expect(runs.contains { $0["label"] as? String == label }, "\(label) on test runs")
        }
        #expect(runs.first { $0["label"] as? String == "Execution Type" }?["original_name"] as? String == "ExecutionTypeTestRun")
        // No fields for cycles or logs: a 400 that names the valid types.
        let cycles = try h.get(settings(h, "test-cycles"))
        #expect(cycles.status == 400)
        #expect((cycles.object["message"] as? String)?.contains("test-runs") == true, "\(cycles)")
        // Literal segments win: a wrong method on a settings path is a 405, never an object link.
        let wrongMethod = try h.delete(settings(h, "test-runs"))
        #expect(wrongMethod.status == 405)
    }

    @Test func customFieldLifecycleReachesObjects() throws {
        let h = try EmulatorHarness(.live)
        let created = try h.post(settings(h, "test-runs"), json: [
            "label": "Browser", "data_type": 3,
            "allowed_values": [["label": "Chrome", "is_default": true], ["label": "Firefox"]],
        ])
        #expect(created.status == 201, "\(created)")
        FieldContract.check(field: created.object, "created")
        let fieldID = try #require(created.object["id"] as? Int)
        #expect(created.object["system_field"] as? Bool == false && created.object["constrained"] as? Bool == true)
        let values = try #require(created.object["allowed_values"] as? [[String: Any]])
        let chrome = try #require(values.first { $0["label"] as? String == "Chrome" }?["value"] as? Int)
        let firefox = try #require(values.first { $0["label"] as? String == "Firefox" }?["value"] as? Int)
        #expect(try h.get("\(settings(h, "test-runs"))/\(fieldID)").object["label"] as? String == "Browser")

        // A new run gets the default; a value can be set and reads back with its name.
        let (caseID, _) = try h.testCase("Browser case", steps: 0)
        let run = try h.run(caseID)
        let runJSON = try h.get("\(h.p)/test-runs/\(run)").object
        let browser = try #require(FieldContract.property(runJSON, fieldID))
        #expect(Set(browser.keys).isSubset(of: FieldContract.propertyKeys))
        #expect(browser["field_value"] as? String == String(chrome) && browser["field_value_name"] as? String == "Chrome")
        let updated = try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": fieldID, "field_value": firefox]]])
        #expect(updated.status == 200, "\(updated)")
        #expect(FieldContract.property(updated.object, fieldID)?["field_value_name"] as? String == "Firefox")

        // Renamed, and the allowed values replaced as a whole list: Chrome goes, Edge comes.
        let renamed = try h.put("\(settings(h, "test-runs"))/\(fieldID)", json: [
            "label": "Browser name", "allowed_values": [["value": firefox, "label": "Mozilla Firefox"], ["label": "Edge"]],
        ])
        #expect(renamed.status == 200, "\(renamed)")
        let labels = (renamed.object["allowed_values"] as? [[String: Any]])?.compactMap { $0["label"] as? String }
        #expect(labels == ["Mozilla Firefox", "Edge"])
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, fieldID)?["field_value_name"] as? String == "Mozilla Firefox")
        #expect(try h.put("\(settings(h, "test-runs"))/\(fieldID)", json: ["data_type": 1]).status == 400, "data_type is fixed")

        // Deactivated: hidden from the dictionary and from objects unless asked; the value stays.
        let off = try h.post("\(h.p)/settings/test-runs/custom-fields/active", json: [["id": fieldID, "is_active": false]])
        #expect(off.status == 200 && off.array.first?["is_active"] as? Bool == false, "\(off)")
        #expect(!(try h.get(settings(h, "test-runs")).array.contains { $0["id"] as? Int == fieldID }))
        #expect(try h.get(settings(h, "test-runs") + "?includeInactive=true").array.contains { $0["id"] as? Int == fieldID })
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, fieldID) == nil)
        #expect(try h.post("\(h.p)/settings/test-runs/custom-fields/active", json: [["id": fieldID, "is_active": true]]).status == 200)
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, fieldID)?["field_value"] as? String == String(firefox))
        // A system field can not be switched through the custom-field route.
        #expect(try h.post("\(h.p)/settings/test-runs/custom-fields/active", json: [["id": 608916, "is_active": false]]).status == 400)

        // Deleted: gone from the dictionary, and its values gone from objects.
        #expect(try h.delete("\(settings(h, "test-runs"))/\(fieldID)").status == 200)
        #expect(try h.get("\(settings(h, "test-runs"))/\(fieldID)").status == 404)
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, fieldID) == nil)
        #expect(try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": fieldID, "field_value": firefox]]]).status == 400)
    }

    @Test func allowedValuesHaveTheirOwnRoutes() throws {
        let h = try EmulatorHarness(.live)
        let priority = "\(settings(h, "test-cases"))/608942/allowed-values"
        let list = try h.get(priority)
        #expect(list.status == 200 && list.array.count == 4)
        #expect(list.header("X-Item-Total") == "4")
        for value in list.array { FieldContract.check(allowedValue: value, "list") }
        #expect(try h.get(priority + "?page=2&pageSize=3").array.count == 1)

        let added = try h.post(priority, json: [["label": "Blocker", "color": "#000000"], ["label": "Trivial"]])
        #expect(added.status == 201, "\(added)")
        #expect(Set(added.object.keys) == ["links", "total", "items"] && added.object["total"] as? Int == 2)
        let blocker = try #require((added.object["items"] as? [[String: Any]])?.first?["value"] as? Int)
        #expect(try h.post(priority, json: [["label": "blocker"]]).status == 400, "labels are unique in a field")
        let edited = try h.put("\(priority)/\(blocker)", json: ["label": "Showstopper", "order": 0])
        #expect(edited.status == 200 && edited.object["label"] as? String == "Showstopper", "\(edited)")
        #expect(edited.object["links"] is [Any])

        // In use, then deleted: the case loses the value instead of keeping a dangling id.
        let tc = try h.post("\(h.p)/test-cases", json: ["name": "Uses blocker", "properties": [["field_id": 608942, "field_value": blocker]]])
        let caseID = try h.createdID(tc)
        #expect(FieldContract.property(tc.object, 608942)?["field_value_name"] as? String == "Showstopper")
        #expect(try h.delete("\(priority)/\(blocker)").status == 200)
        #expect(try h.delete("\(priority)/\(blocker)").status == 404)
        #expect(FieldContract.property(try h.get("\(h.p)/test-cases/\(caseID)").object, 608942)?["field_value"] as? String == "")

        // Text fields have no allowed values; unknown fields are 404.
        #expect(try h.get("\(settings(h, "test-runs"))/608922/allowed-values").status == 400)
        #expect(try h.post("\(settings(h, "test-runs"))/608922/allowed-values", json: [["label": "x"]]).status == 400)
        #expect(try h.get("\(settings(h, "test-runs"))/424242/allowed-values").status == 404)
        #expect(try h.post(priority, json: ["label": "not a list"]).status == 400)
        #expect(try h.post(priority, json: Array(repeating: ["label": "x"], count: 101)).status == 400)
    }

    @Test func siteFieldsApplyToProjectsAndOnlyAdminsChangeThem() throws {
        let h = try EmulatorHarness(.live)
        let site = "/api/v3/fields/test-runs"
        let listed = try h.get(site + "?pageSize=10")
        #expect(listed.status == 200 && listed.header("X-Item-Total") != nil)
        let created = try h.post(site, json: ["label": "Pipeline", "data_type": 1, "default_value": "main"])
        #expect(created.status == 201, "\(created)")
        FieldContract.check(field: created.object, "site")
        let id = try #require(created.object["id"] as? Int)
        #expect((created.object["links"] as? [[String: Any]])?.first?["href"] as? String == "http://127.0.0.1:\(h.port)\(site)/\(id)")
        // Visible in the project's dictionary and on its objects, with the default applied.
        #expect(try h.get(settings(h, "test-runs")).array.contains { $0["id"] as? Int == id })
        let run = try h.run(try h.testCase("Site field case", steps: 0).id)
        #expect(FieldContract.property(try h.get("\(h.p)/test-runs/\(run)").object, id)?["field_value"] as? String == "main")
        // A project can not change a site field; the tester (not a site admin) can not either.
        #expect(try h.put("\(settings(h, "test-runs"))/\(id)", json: ["label": "x"]).status == 400)
        #expect(try h.post(site, json: ["label": "Nope", "data_type": 1], token: Demo.testerToken).status == 403)
        #expect(try h.get(site, token: Demo.testerToken).status == 200, "any signed-in user reads site fields")
        #expect(try h.put("\(site)/\(id)", json: ["label": "Pipeline name"]).object["label"] as? String == "Pipeline name")
        #expect(try h.delete("\(site)/\(id)", token: Demo.testerToken).status == 403)
        #expect(try h.delete("\(site)/\(id)").status == 200)
        #expect(try h.get("\(site)/\(id)").status == 404)
        // Test-step fields: site only, two at most, labels of 16 characters at most.
        #expect(try h.post(settings(h, "test-steps"), json: ["label": "Step data", "data_type": 6]).status == 400)
        #expect(try h.post("/api/v3/fields/test-steps", json: ["label": "A label far too long", "data_type": 6]).status == 400)
        #expect(try h.post("/api/v3/fields/test-steps", json: ["label": "Step data", "data_type": 1]).status == 400)
        #expect(try h.post("/api/v3/fields/test-steps", json: ["label": "Step data", "data_type": 6]).status == 201)
        #expect(try h.post("/api/v3/fields/test-steps", json: ["label": "Step owner", "data_type": 5]).status == 201)
        #expect(try h.post("/api/v3/fields/test-steps", json: ["label": "Third", "data_type": 6]).status == 400)
    }

    @Test func systemFieldsEditOnlyWhatQTestAllows() throws {
        let h = try EmulatorHarness(.live)
        let edit = "\(h.p)/settings/test-cases/system-fields/608942"
        let edited = try h.post(edit, json: ["label": "Importance", "allowed_values": [["value": 727, "label": "Critical", "order": 0]]])
        #expect(edited.status == 200, "\(edited)")
        FieldContract.check(field: edited.object, "system")
        #expect(edited.object["label"] as? String == "Importance" && edited.object["system_field"] as? Bool == true)
        #expect((edited.object["allowed_values"] as? [[String: Any]])?.first?["label"] as? String == "Critical")
        #expect(try h.post(edit, json: ["allowed_values": [["label": "New value"]]]).status == 400, "no new values on a system field")
        #expect(try h.post(edit, json: ["data_type": 1]).status == 400)
        #expect(try h.post("\(h.p)/settings/test-runs/system-fields/608922", json: ["label": "x"]).status == 400, "a custom field")
        #expect(try h.post("\(h.p)/settings/test-runs/system-fields/608917", json: ["is_active": false]).status == 400, "run Status stays")
        #expect(try h.put("\(settings(h, "test-cases"))/608942", json: ["label": "x"]).status == 400, "system fields are not custom")
        #expect(try h.delete("\(settings(h, "test-cases"))/608942").status == 400)
        // The new label is what objects show.
        let tc = try h.post("\(h.p)/test-cases", json: ["name": "Renamed", "properties": [["field_id": 608942, "field_value": 727]]])
        let prop = FieldContract.property(tc.object, 608942)
        #expect(prop?["field_name"] as? String == "Importance" && prop?["field_value_name"] as? String == "Critical")
    }

    @Test func badRequestsPermissionsAndUnknownFields() throws {
        let h = try EmulatorHarness(.live)
        let runs = settings(h, "test-runs")
        #expect(try h.post(runs, json: ["data_type": 1]).status == 400, "label required")
        #expect(try h.post(runs, json: ["label": "No type"]).status == 400, "data_type required")
        #expect(try h.post(runs, json: ["label": "System type", "data_type": 13]).status == 400)
        #expect(try h.post(runs, json: ["label": "Text with values", "data_type": 1, "allowed_values": [["label": "a"]]]).status == 400)
        #expect(try h.post(runs, json: ["label": "Typed", "data_type": "three"]).status == 400)
        #expect(try h.post(runs, json: [1, 2]).status == 400)
        let clash = try h.post(runs, json: ["label": "failure output", "data_type": 1])
        #expect(clash.status == 409, "labels are unique per type: \(clash)")
        for r in [try h.get("\(runs)/424242"), try h.get("\(settings(h, "test-cases"))/608916"), try h.delete("\(runs)/424242")] {
            #expect(r.status == 404 && r.object["message"] is String, "\(r)")
        }
        #expect(try h.get("\(runs)/abc").status == 400)
        // The tester is a member without the project's admin flag; 108782 is not theirs at all.
        #expect(try h.get(runs, token: Demo.testerToken).status == 200)
        #expect(try h.post(runs, json: ["label": "T", "data_type": 1], token: Demo.testerToken).status == 403)
        #expect(try h.post("\(h.p)/settings/test-runs/custom-fields/active", json: [["id": 608922, "is_active": false]], token: Demo.testerToken).status == 403)
        #expect(try h.get("/api/v3/projects/108782/settings/test-runs/fields", token: Demo.testerToken).status == 403)
        #expect(try h.get(runs, token: .some(nil)).status == 401)
    }
}
