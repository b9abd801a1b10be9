import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// Helpers shared by the test-design suites.
enum DesignAPI {
    static let project = "/api/v3/projects/\(Demo.projectID)"
    static let v4 = "/api/v4/projects/\(Demo.projectID)"

    static func createCase(_ h: EmulatorHarness, _ name: String, steps: Int = 0, extra: [String: Any] = [:]) throws -> [String: Any] {
        var body: [String: Any] = ["name": name, "test_steps": (0..<steps).map { ["description": "step \($0 + 1)", "expected": "ok \($0 + 1)"] }]
        body.merge(extra) { $1 }
        let r = try h.post(project + "/test-cases", json: body)
        #expect(r.status == 200, "\(r)")
        return r.object
    }

    static func id(_ object: [String: Any], _ key: String = "id") -> Int { object[key] as? Int ?? -1 }
    static func stepTexts(_ r: WireResponse) -> [String] { r.array.map { $0["description"] as? String ?? "" } }
    static func orders(_ r: WireResponse) -> [Int] { r.array.map { $0["order"] as? Int ?? -1 } }
}

@Suite struct DesignTestCaseTests {
    let p = DesignAPI.project

    @Test func createPutsCaseInCreatedViaAPIAtVersion01WithStepsAndProperties() throws {
        let h = try EmulatorHarness(.router)
        let tc = try DesignAPI.createCase(h, "Login", steps: 2, extra: ["properties": [["field_id": 608940, "field_value": 201]]])
        #expect(tc["version"] as? String == "0.1")
        #expect(tc["pid"] as? String != nil)
        #expect((tc["test_steps"] as? [[String: Any]])?.map { $0["order"] as? Int } == [1, 2])
        let props = try #require(tc["properties"] as? [[String: Any]])
        let status = try #require(props.first { $0["field_id"] as? Int == 608940 })
        #expect(status["field_value"] as? String == "201")
        #expect(status["field_value_name"] as? String == "New")
        #expect((tc["web_url"] as? String)?.contains("#tab=testdesign&object=1&id=\(DesignAPI.id(tc))") == true)
        #expect((tc["links"] as? [[String: Any]])?.compactMap { $0["rel"] as? String } == ["self", "test-steps", "attachments"])
        let module = try h.get(p + "/modules/\(DesignAPI.id(tc, "parent_id"))")
        #expect(module.object["name"] as? String == "Created via API")
        // by PID, and the version id it reports
        let byPid = try h.get(p + "/test-cases/\(tc["pid"] as! String)")
        #expect(byPid.status == 200)
        #expect(byPid.object["test_case_version_id"] as? Int == tc["test_case_version_id"] as? Int)
        #expect((byPid.object["test_steps"] as? [Any])?.count == 2)
    }

    @Test func versionSequenceMinorsThenApproveThenMinor() throws {
        let h = try EmulatorHarness(.router)
        let tc = try DesignAPI.createCase(h, "Versioned", steps: 1)
        let id = DesignAPI.id(tc)
        var versionIDs = [DesignAPI.id(tc, "test_case_version_id")]
        var seen = ["0.1"]
        for i in 2...10 {
            let r = try h.put(p + "/test-cases/\(id)", json: ["name": "Versioned \(i)"])
            #expect(r.status == 200)
            seen.append(r.object["version"] as? String ?? "?")
            versionIDs.append(DesignAPI.id(r.object, "test_case_version_id"))
        }
        #expect(seen == (1...10).map { "0.\($0)" })
        let approved = try h.put(p + "/test-cases/\(id)/approve")
        #expect(approved.status == 200)
        #expect(approved.object["version"] as? String == "1.0")
        let after = try h.put(p + "/test-cases/\(id)", json: ["description": "changed"])
        #expect(after.object["version"] as? String == "1.1")
        versionIDs += [DesignAPI.id(approved.object, "test_case_version_id"), DesignAPI.id(after.object, "test_case_version_id")]
        #expect(Set(versionIDs).count == 12)
        let versions = try h.get(p + "/test-cases/\(id)/versions")
        #expect(versions.array.map { $0["version"] as? String } == ["1.0", "1.1"])
        // every version keeps its own content and steps
        let v03 = try h.get(p + "/test-cases/\(id)/versions/\(versionIDs[2])")
        #expect(v03.object["name"] as? String == "Versioned 3")
        #expect(v03.object["version"] as? String == "0.3")
        let v01 = try h.get(p + "/test-cases/\(id)?versionId=\(versionIDs[0])")
        #expect(v01.object["name"] as? String == "Versioned")
        let steps01 = try h.get(p + "/test-cases/\(id)/versions/\(versionIDs[0])/test-steps")
        let steps11 = try h.get(p + "/test-cases/\(id)/versions/\(versionIDs[11])/test-steps")
        #expect(steps01.array.count == 1 && steps11.array.count == 1)
        #expect(steps01.array.first?["id"] as? Int != steps11.array.first?["id"] as? Int)
        // a version of another case is not found
        let other = try DesignAPI.createCase(h, "Other")
        #expect(try h.get(p + "/test-cases/\(DesignAPI.id(other))/versions/\(versionIDs[0])").status == 404)
    }

    @Test func unapprovedHistoryListsOnlyTheLatestMinor() throws {
        let h = try EmulatorHarness(.router)
        let id = DesignAPI.id(try DesignAPI.createCase(h, "Draft"))
        for _ in 0..<3 { _ = try h.put(p + "/test-cases/\(id)", json: ["precondition": "x"]) }
        #expect(try h.get(p + "/test-cases/\(id)/versions").array.map { $0["version"] as? String } == ["0.4"])
        #expect(try h.put(p + "/test-cases/\(id)/vera/approve").object["version"] as? String == "1.0")
    }

    @Test func listPagesWithSizeAndFiltersByModule() throws {
        let h = try EmulatorHarness(.router, seed: .demo)
        let module = try h.post(p + "/modules", json: ["name": "Paging"]).object
        for i in 0..<5 { _ = try DesignAPI.createCase(h, "Case \(i)", steps: 1, extra: ["parent_id": DesignAPI.id(module)]) }
        let page = try h.get(p + "/test-cases?parentId=\(DesignAPI.id(module))&page=2&size=2")
        #expect(page.array.map { $0["name"] as? String } == ["Case 2", "Case 3"])
        #expect(page.array.allSatisfy { $0["test_steps"] == nil && $0["properties"] is [Any] })
        let withSteps = try h.get(p + "/test-cases?parentId=\(DesignAPI.id(module))&expandSteps=true&expandProps=false&size=10000")
        #expect(withSteps.array.count == 5)
        #expect(withSteps.array.allSatisfy { ($0["test_steps"] as? [Any])?.count == 1 && ($0["properties"] as? [Any])?.isEmpty == true })
    }

    @Test func bulkUpdateIsAllOrNothing() throws {
        let h = try EmulatorHarness(.router)
        let a = DesignAPI.id(try DesignAPI.createCase(h, "A"))
        let b = DesignAPI.id(try DesignAPI.createCase(h, "B"))
        let ok = try h.put(p + "/test-cases/update/testcases", json: ["\(a)": ["name": "A2"], "\(b)": ["name": "B2"]])
        #expect(ok.status == 200)
        #expect(ok.array.compactMap { $0["name"] as? String }.sorted() == ["A2", "B2"])
        let bad = try h.put(p + "/test-cases/update/testcases", json: [["id": a, "name": "A3"], ["id": b, "properties": [["field_id": 608940, "field_value": "999"]]]])
        #expect(bad.status == 400)
        #expect(bad.object["message"] != nil)
        #expect(try h.get(p + "/test-cases/\(a)").object["name"] as? String == "A2")
        #expect(try h.get(p + "/test-cases/\(a)").object["version"] as? String == "0.2")
    }

    @Test func invalidReferencesAreRefusedAndChangeNothing() throws {
        let h = try EmulatorHarness(.router)
        let before = try h.get(p + "/test-cases?size=1000").array.count
        let otherModule = try h.post("/api/v3/projects/\(Demo.secondProjectID)/modules", json: ["name": "Elsewhere"]).object
        #expect(try h.post(p + "/test-cases", json: ["name": "x", "parent_id": DesignAPI.id(otherModule)]).status == 404)
        #expect(try h.post(p + "/test-cases", json: ["name": "x", "properties": [["field_id": 609917, "field_value": "701"]]]).status == 400)
        #expect(try h.post(p + "/test-cases", json: ["name": "x", "test_steps": [["description": "c", "called_test_case_id": 1]]]).status == 400)
        #expect(try h.post(p + "/test-cases", json: ["description": "no name"]).status == 400)
        #expect(try h.get(p + "/test-cases?size=1000").array.count == before)
        let foreign = try h.post("/api/v3/projects/\(Demo.secondProjectID)/test-cases", json: ["name": "foreign"]).object
        #expect(try h.get(p + "/test-cases/\(DesignAPI.id(foreign))").status == 404)
    }

    @Test func calledTestCaseStepsExpandTheCalledCase() throws {
        let h = try EmulatorHarness(.router)
        let callee = try DesignAPI.createCase(h, "Log in", steps: 2)
        let caller = try DesignAPI.createCase(h, "Checkout", extra: ["test_steps": [
            ["description": "log in first", "expected": "", "called_test_case_id": DesignAPI.id(callee)],
            ["description": "pay", "expected": "paid"],
        ]])
        let first = try #require((caller["test_steps"] as? [[String: Any]])?.first)
        #expect(first["called_test_case_id"] as? Int == DesignAPI.id(callee))
        #expect(first["called_test_case_name"] as? String == "Log in")
        #expect((first["called_test_case"] as? [String: Any])?["pid"] as? String == callee["pid"] as? String)
        let versionID = DesignAPI.id(caller, "test_case_version_id")
        let expanded = try h.get(p + "/test-cases/\(DesignAPI.id(caller))/versions/\(versionID)/test-steps?expand=calledteststep")
        let nested = (expanded.array.first?["called_test_case"] as? [String: Any])?["test_steps"] as? [Any]
        #expect(nested?.count == 2)
        // a case cannot call itself, even through another
        let loop = try h.put(p + "/test-cases/\(DesignAPI.id(callee))", json: ["test_steps": [["description": "x", "called_test_case_id": DesignAPI.id(caller)]]])
        #expect(loop.status == 400)
    }

    @Test func deleteRemovesTheCase() throws {
        let h = try EmulatorHarness(.router)
        let id = DesignAPI.id(try DesignAPI.createCase(h, "Doomed", steps: 1))
        _ = try h.post(p + "/test-cases/\(id)/comments", json: ["content": "bye"])
        #expect(try h.delete(p + "/test-cases/\(id)").status == 200)
        #expect(try h.get(p + "/test-cases/\(id)").status == 404)
        #expect(try h.delete(p + "/test-cases/\(id)").status == 404)
    }

    @Test func userOutsideTheProjectIsForbidden() throws {
        let h = try EmulatorHarness(.router)
        let other = "/api/v3/projects/\(Demo.secondProjectID)"
        #expect(try h.get(other + "/test-cases", token: Demo.testerToken).status == 403)
        #expect(try h.post(other + "/test-cases", json: ["name": "x"], token: Demo.testerToken).status == 403)
        #expect(try h.get("/api/v4/projects/\(Demo.secondProjectID)/test-cases/1/test-steps", token: Demo.testerToken).status == 403)
        #expect(try h.get(other + "/modules", token: Demo.testerToken).status == 403)
        #expect(try h.get(other + "/requirements", token: Demo.testerToken).status == 403)
        #expect(try h.post(other + "/defects", json: ["properties": []], token: Demo.testerToken).status == 403)
        #expect(try h.get(other + "/linked-artifacts?type=test-cases&ids=1", token: Demo.testerToken).status == 403)
    }
}
