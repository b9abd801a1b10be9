import Foundation
import Testing
@testable import QTestAPI
import TestSupport

@Suite struct DesignTestStepTests {
    let p = DesignAPI.project

    @Test func insertMoveDeleteRenumberAndV3V4Agree() throws {
        let h = try EmulatorHarness(.router)
        let id = DesignAPI.id(try DesignAPI.createCase(h, "Steps", steps: 3))
        let steps = p + "/test-cases/\(id)/test-steps"
        let added = try h.post(steps, json: ["description": "first", "expected": "e", "order": 1])
        #expect(added.status == 200)
        #expect(added.object["order"] as? Int == 1)
        var list = try h.get(steps)
        #expect(DesignAPI.stepTexts(list) == ["first", "step 1", "step 2", "step 3"])
        #expect(DesignAPI.orders(list) == [1, 2, 3, 4])
        let appended = try h.post(steps, json: ["description": "last", "expected": "e"])
        #expect(appended.object["order"] as? Int == 5)
        #expect(try h.post(steps, json: ["description": "x", "order": 9]).status == 400)
        // move "first" to position 3
        let moved = try h.put(steps + "/\(DesignAPI.id(added.object))", json: ["order": 3, "expected": "moved"])
        #expect(moved.status == 200)
        #expect(moved.object["expected"] as? String == "moved")
        list = try h.get(steps)
        #expect(DesignAPI.stepTexts(list) == ["step 1", "step 2", "first", "step 3", "last"])
        // delete the second
        let second = DesignAPI.id(list.array[1])
        #expect(try h.delete(steps + "/\(second)").status == 200)
        list = try h.get(steps)
        #expect(DesignAPI.stepTexts(list) == ["step 1", "first", "step 3", "last"])
        #expect(DesignAPI.orders(list) == [1, 2, 3, 4])
        #expect(try h.get(steps + "/\(second)").status == 404)
        #expect(try h.get(steps + "/\(DesignAPI.id(list.array[0]))").object["description"] as? String == "step 1")
        // v4 pages the same list
        let v4 = DesignAPI.v4 + "/test-cases/\(id)/test-steps"
        #expect(DesignAPI.stepTexts(try h.get(v4 + "?page=1&size=2")) == ["step 1", "first"])
        #expect(DesignAPI.stepTexts(try h.get(v4 + "?page=2&size=2")) == ["step 3", "last"])
        let latest = try h.get(p + "/test-cases/\(id)")
        let versionID = DesignAPI.id(latest.object, "test_case_version_id")
        let v4ByVersion = try h.get(DesignAPI.v4 + "/test-cases/\(id)/versions/\(versionID)/test-steps?page=1&size=200")
        #expect(v4ByVersion.array.map { $0["id"] as? Int } == list.array.map { $0["id"] as? Int })
        #expect(try h.get(p + "/test-cases/\(id)/versions/\(versionID)/test-steps").array.count == 4)
        // step edits never change the version number of a draft
        #expect(latest.object["version"] as? String == "0.1")
    }

    @Test func editingStepsOfAnApprovedCaseSavesANewVersion() throws {
        let h = try EmulatorHarness(.router)
        let id = DesignAPI.id(try DesignAPI.createCase(h, "Approved", steps: 2))
        let approved = try h.put(p + "/test-cases/\(id)/approve").object
        let approvedVersion = DesignAPI.id(approved, "test_case_version_id")
        let stepID = DesignAPI.id((approved["test_steps"] as! [[String: Any]])[0])
        let r = try h.put(p + "/test-cases/\(id)/test-steps/\(stepID)", json: ["description": "edited"])
        #expect(r.status == 200)
        let latest = try h.get(p + "/test-cases/\(id)").object
        #expect(latest["version"] as? String == "1.1")
        #expect(DesignAPI.stepTexts(try h.get(p + "/test-cases/\(id)/versions/\(approvedVersion)/test-steps")) == ["step 1", "step 2"])
        #expect(DesignAPI.stepTexts(try h.get(p + "/test-cases/\(id)/test-steps")) == ["edited", "step 2"])
        // updateVersion=true keeps the deleted step in the previous version
        let current = try h.get(p + "/test-cases/\(id)/test-steps").array
        #expect(try h.delete(p + "/test-cases/\(id)/test-steps/\(DesignAPI.id(current[1]))?updateVersion=true").status == 200)
        #expect(try h.get(p + "/test-cases/\(id)").object["version"] as? String == "1.2")
        #expect(DesignAPI.stepTexts(try h.get(p + "/test-cases/\(id)/test-steps")) == ["edited"])
    }
}

@Suite struct DesignModuleTests {
    let p = DesignAPI.project

    @Test func nestingExpandMoveAndForceDelete() throws {
        let h = try EmulatorHarness(.router)
        let root = try h.post(p + "/modules", json: ["name": "Root A", "description": "top"])
        #expect(root.status == 201)
        let rootID = DesignAPI.id(root.object)
        let child = try h.post(p + "/modules?parentId=\(rootID)", json: ["name": "Child"]).object
        let grandchild = try h.post(p + "/modules", json: ["name": "Grandchild", "parent_id": DesignAPI.id(child)]).object
        #expect(grandchild["parent_id"] as? Int == DesignAPI.id(child))
        #expect((grandchild["pid"] as? String)?.hasPrefix("MD-") == true)
        let expanded = try h.get(p + "/modules/\(rootID)?expand=descendants").object
        let children = try #require(expanded["children"] as? [[String: Any]])
        #expect(children.map { $0["name"] as? String } == ["Child"])
        #expect((children[0]["children"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Grandchild"])
        #expect(try h.get(p + "/modules/\(rootID)").object["children"] == nil)
        #expect(try h.get(p + "/modules?parentId=\(rootID)").array.map { $0["name"] as? String } == ["Child"])
        #expect(try h.get(p + "/modules?search=root%20a").array.map { $0["name"] as? String } == ["Root A"])
        // no move under its own descendant
        let cycle = try h.put(p + "/modules/\(rootID)?parentId=\(DesignAPI.id(grandchild))", json: [String: Any]())
        #expect(cycle.status == 400)
        #expect(cycle.object["message"] != nil)
        // rename, then move grandchild to root (body ignored with ?parentId)
        #expect(try h.put(p + "/modules/\(rootID)", json: ["name": "Root B"]).object["name"] as? String == "Root B")
        let moved = try h.put(p + "/modules/\(DesignAPI.id(grandchild))?parentId=0", json: ["name": "ignored"]).object
        #expect(moved["parent_id"] == nil)
        #expect(moved["name"] as? String == "Grandchild")
        // delete with children needs force
        _ = try DesignAPI.createCase(h, "In child", extra: ["parent_id": DesignAPI.id(child)])
        #expect(try h.delete(p + "/modules/\(rootID)").status == 400)
        #expect(try h.get(p + "/modules/\(rootID)").status == 200)
        #expect(try h.delete(p + "/modules/\(rootID)?force=true").status == 200)
        #expect(try h.get(p + "/modules/\(DesignAPI.id(child))").status == 404)
        #expect(try h.delete(p + "/modules/\(DesignAPI.id(grandchild))").status == 200)
    }

    @Test func modulesOfAnotherProjectAreNotVisible() throws {
        let h = try EmulatorHarness(.router)
        let other = try h.post("/api/v3/projects/\(Demo.secondProjectID)/modules", json: ["name": "Theirs"]).object
        #expect(try h.get(p + "/modules/\(DesignAPI.id(other))").status == 404)
        #expect(try h.post(p + "/modules?parentId=\(DesignAPI.id(other))", json: ["name": "x"]).status == 404)
        #expect(try h.post(p + "/modules", json: ["name": ""]).status == 400)
    }
}
