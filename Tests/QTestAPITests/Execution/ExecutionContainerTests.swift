import Foundation
import Testing
import TestSupport

/// ReleaseApi, BuildApi, TestCycleApi, TestSuiteApi end to end, with the hierarchy rules.
@Suite struct ExecutionContainerTests {
    @Test func releaseLifecycle() throws {
        let h = try EmulatorHarness(.router)
        let created = try h.post("\(h.p)/releases", json: ["name": "R1", "description": "first", "start_date": "2026-01-05T10:00:00.000+0000",
                                                          "properties": [["field_id": 608950, "field_value": 132]], "unknown_key": 1])
        #expect(created.status == 201)
        let r = created.object
        let id = try #require(r["id"] as? Int)
        #expect((r["pid"] as? String)?.hasPrefix("RL-") == true)
        #expect(r["start_date"] as? String == "2026-01-05T10:00:00+00:00")
        #expect((r["web_url"] as? String)?.contains("tab=testplan") == true)
        let status = (r["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == 608950 }
        #expect(status?["field_value"] as? String == "132")
        #expect(status?["field_value_name"] as? String == "In Progress")
        #expect(try h.get("\(h.p)/releases/\(id)").object["name"] as? String == "R1")
        let updated = try h.put("\(h.p)/releases/\(id)", json: ["note": "n"])
        #expect(updated.status == 200 && updated.object["name"] as? String == "R1" && updated.object["note"] as? String == "n")
        #expect(ids(try h.get("\(h.p)/releases")).contains(id))
        #expect(try h.delete("\(h.p)/releases/\(id)").status == 200)
        #expect(try h.get("\(h.p)/releases/\(id)").status == 404)
    }

    @Test func closedReleasesAreHiddenUnlessAsked() throws {
        let h = try EmulatorHarness(.router)
        let closed = try h.createdID(h.post("\(h.p)/releases", json: ["name": "Old", "properties": [["field_id": 608950, "field_value": "133"]]]))
        #expect(!ids(try h.get("\(h.p)/releases")).contains(closed))
        #expect(ids(try h.get("\(h.p)/releases?includeClosed=true")).contains(closed))
    }

    @Test func releaseValidation() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.post("\(h.p)/releases", json: ["description": "no name"]).status == 400)
        let wrongType = try h.post("\(h.p)/releases", json: ["name": "R", "start_date": 5])
        #expect(wrongType.status == 400)
        #expect((wrongType.object["message"] as? String)?.contains("start_date") == true)
        let badValue = try h.post("\(h.p)/releases", json: ["name": "R", "properties": [["field_id": 608950, "field_value": "999"]]])
        #expect(badValue.status == 400)
    }

    @Test func buildLifecycle() throws {
        let h = try EmulatorHarness(.router)
        let r1 = try h.release("R1"), r2 = try h.release("R2")
        let created = try h.post("\(h.p)/builds", json: ["name": "B1", "release": ["id": r1]])
        #expect(created.status == 201)
        let b = try h.createdID(created)
        #expect((created.object["release"] as? [String: Any])?["id"] as? Int == r1)
        #expect(created.object["properties"] is [Any])
        #expect(ids(try h.get("\(h.p)/builds?releaseId=\(r1)")) == [b])
        #expect(try h.get("\(h.p)/builds").status == 400)
        let moved = try h.put("\(h.p)/builds/\(b)", json: ["name": "B1b", "release": ["id": r2]])
        #expect(moved.status == 200 && moved.object["name"] as? String == "B1b")
        #expect(ids(try h.get("\(h.p)/builds?releaseId=\(r2)")) == [b])
        #expect(try h.post("\(h.p)/builds", json: ["name": "B", "release": ["id": 424242]]).status == 404)
        #expect(try h.delete("\(h.p)/builds/\(b)").status == 200)
        #expect(try h.get("\(h.p)/builds/\(b)").status == 404)
    }

    @Test func cyclesNestUnderRootReleaseAndCycles() throws {
        let h = try EmulatorHarness(.router)
        let rel = try h.release()
        let created = try h.post("\(h.p)/test-cycles?parentId=0&parentType=root", json: ["name": "Root cycle", "description": "d"])
        #expect(created.status == 200, "clients expect 200 for cycle create")
        let root = try h.createdID(created)
        #expect(created.object["test-cycles"] is [Any] && created.object["test-suites"] is [Any])
        #expect((created.object["links"] as? [[String: Any]])?.compactMap { $0["rel"] as? String } == ["self", "test-suites", "test-runs"])
        let underRelease = try h.cycle("In release", parent: rel, type: "release")
        let nested = try h.cycle("Nested", parent: root, type: "test-cycle")
        // Body parentId/parentType are honoured too.
        let viaBody = try h.createdID(h.post("\(h.p)/test-cycles", json: ["name": "Body", "parentId": root, "parentType": "test-cycle"]))
        #expect(ids(try h.get("\(h.p)/test-cycles")) == [root])
        #expect(ids(try h.get("\(h.p)/test-cycles?parentId=0&parentType=test-cycle")) == [root])
        #expect(ids(try h.get("\(h.p)/test-cycles?parentId=\(rel)&parentType=release")) == [underRelease])
        #expect(ids(try h.get("\(h.p)/test-cycles?parentId=\(root)&parentType=test-cycle")) == [nested, viaBody])
        let expanded = try h.get("\(h.p)/test-cycles/\(root)?expand=descendants").object
        #expect((expanded["test-cycles"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [nested, viaBody])
    }

    @Test func refusedCycleParentsCreateNothing() throws {
        let h = try EmulatorHarness(.router)
        let suite = try h.suite()
        let before = try h.get("\(h.p)/test-cycles?pageSize=-1").array.count
        let missing = try h.post("\(h.p)/test-cycles?parentId=987654&parentType=test-cycle", json: ["name": "x"])
        #expect(missing.status == 404)
        #expect(missing.text == #"{"message":"Test Cycle does not exist"}"#)
        #expect(try h.post("\(h.p)/test-cycles?parentId=\(suite)&parentType=test-suite", json: ["name": "x"]).status == 400)
        #expect(try h.post("\(h.p)/test-cycles?parentId=5&parentType=module", json: ["name": "x"]).status == 400)
        #expect(try h.post("\(h.p)/test-cycles?parentId=987654&parentType=release", json: ["name": "x"]).status == 404)
        // A parent in another project counts as missing.
        let foreign = try h.createdID(h.post("/api/v3/projects/108782/test-cycles", json: ["name": "other"]))
        #expect(try h.post("\(h.p)/test-cycles?parentId=\(foreign)&parentType=test-cycle", json: ["name": "x"]).status == 404)
        #expect(try h.get("\(h.p)/test-cycles?parentId=987654&parentType=test-cycle").text == #"{"message":"Test Cycle does not exist"}"#)
        #expect(try h.get("\(h.p)/test-cycles?pageSize=-1").array.count == before)
    }

    @Test func cycleMovesAndNoCycleUnderItsDescendant() throws {
        let h = try EmulatorHarness(.router)
        let a = try h.cycle("A"), b = try h.cycle("B", parent: a, type: "test-cycle"), c = try h.cycle("C", parent: b, type: "test-cycle")
        let rel = try h.release()
        #expect(try h.put("\(h.p)/test-cycles/\(a)?parentId=\(c)&parentType=test-cycle", json: [:]).status == 400)
        #expect(try h.put("\(h.p)/test-cycles/\(a)?parentId=\(a)&parentType=test-cycle", json: [:]).status == 400)
        let moved = try h.put("\(h.p)/test-cycles/\(c)?parentId=\(rel)&parentType=release", json: ["name": "ignored on a move"])
        #expect(moved.status == 200 && moved.object["name"] as? String == "C")
        #expect(ids(try h.get("\(h.p)/test-cycles?parentId=\(rel)&parentType=release")) == [c])
        #expect(try h.put("\(h.p)/test-cycles/\(c)?parentId=\(a)&parentType=test-suite", json: [:]).status == 400)
        let renamed = try h.put("\(h.p)/test-cycles/\(b)", json: ["name": "B2", "target_release_id": rel])
        #expect(renamed.object["name"] as? String == "B2" && renamed.object["target_release_id"] as? Int == rel)
    }

    @Test func cycleListPagingAndNegativePageSize() throws {
        let h = try EmulatorHarness(.router)
        let before = try h.get("\(h.p)/test-cycles?pageSize=-1").array.count
        for i in 0..<5 { _ = try h.cycle("c\(i)") }
        #expect(try h.get("\(h.p)/test-cycles?pageSize=2").array.count == 2)
        #expect(try h.get("\(h.p)/test-cycles?pageSize=-1").array.count == before + 5)
    }

    @Test func deleteWithChildrenNeedsForceAndTakesTheSubtree() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase()
        let top = try h.cycle("Top"), inner = try h.cycle("Inner", parent: top, type: "test-cycle")
        let suite = try h.suite("S", parent: inner, type: "test-cycle")
        let run = try h.run(tc.id, parent: suite, type: "test-suite")
        let log = try h.createdID(h.post("\(h.p)/test-runs/\(run)/test-logs", json: EmulatorHarness.manualLog(601)))
        let refused = try h.delete("\(h.p)/test-cycles/\(top)")
        #expect(refused.status == 400 && refused.object["message"] is String)
        #expect(try h.get("\(h.p)/test-runs/\(run)/test-logs/\(log)").status == 200, "nothing changed")
        #expect(try h.delete("\(h.p)/test-cycles/\(top)?force=true").status == 200)
        for path in ["test-cycles/\(top)", "test-cycles/\(inner)", "test-suites/\(suite)", "test-runs/\(run)"] {
            #expect(try h.get("\(h.p)/\(path)").status == 404, "\(path) is gone")
        }
        // Releases follow the same rule.
        let rel = try h.release()
        _ = try h.suite("in release", parent: rel, type: "release")
        #expect(try h.delete("\(h.p)/releases/\(rel)").status == 400)
        #expect(try h.delete("\(h.p)/releases/\(rel)?force=True").status == 200)
        // An empty cycle goes without force.
        #expect(try h.delete("\(h.p)/test-cycles/\(try h.cycle("empty"))").status == 200)
    }

    @Test func suiteLifecycleAndParents() throws {
        let h = try EmulatorHarness(.router)
        let rel = try h.release(), cyc = try h.cycle()
        let created = try h.post("\(h.p)/test-suites?parentId=\(cyc)&parentType=test-cycle",
                                 json: ["name": "S1", "properties": [["field_id": -185, "field_value": 742], ["field_id": -184, "field_value": "desc"]]])
        #expect(created.status == 200, "the Jenkins plugin requires 200")
        let s = try h.createdID(created)
        #expect(created.object["parentId"] as? Int == cyc && created.object["parentType"] as? String == "test-cycle")
        #expect((created.object["links"] as? [[String: Any]])?.compactMap { $0["rel"] as? String } == ["self", "parent-test-cycle", "test-runs"])
        let env = (created.object["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == -185 }
        #expect(env?["field_value_name"] as? String == "Linux")
        let inRelease = try h.suite("S2", parent: rel, type: "release")
        let atRoot = try h.suite("S3")
        #expect(ids(try h.get("\(h.p)/test-suites?parentId=\(cyc)&parentType=test-cycle")) == [s])
        #expect(ids(try h.get("\(h.p)/test-suites?parentId=\(rel)&parentType=release")) == [inRelease])
        #expect(ids(try h.get("\(h.p)/test-suites?parentId=0&parentType=root")) == [atRoot])
        #expect((try h.get("\(h.p)/test-cycles/\(cyc)?expand=descendants").object["test-suites"] as? [[String: Any]])?.count == 1)
        #expect(try h.post("\(h.p)/test-suites?parentId=\(atRoot)&parentType=test-suite", json: ["name": "x"]).status == 400)
        #expect(try h.post("\(h.p)/test-suites?parentId=4242&parentType=test-cycle", json: ["name": "x"]).status == 404)
        #expect(try h.put("\(h.p)/test-suites/\(s)", json: ["name": "S1b"]).object["name"] as? String == "S1b")
        let moved = try h.put("\(h.p)/test-suites/\(s)?parentId=\(rel)&parentType=release", json: [:])
        #expect(moved.object["parentType"] as? String == "release" && moved.object["parentId"] as? Int == rel)
        #expect(try h.put("\(h.p)/test-suites/\(s)?parentId=999&parentType=test-cycle", json: [:]).status == 404)
        #expect(try h.delete("\(h.p)/test-suites/\(s)").status == 200)
        #expect(try h.get("\(h.p)/test-suites/\(s)").status == 404)
    }

    @Test func nonMembersGet403OnEveryExecutionRouteFamily() throws {
        let h = try EmulatorHarness(.router)
        let other = "/api/v3/projects/\(Demo.secondProjectID)"
        let paths = ["releases", "releases/1", "builds?releaseId=1", "builds/1", "test-cycles", "test-cycles/1", "test-suites", "test-suites/1",
                     "test-runs", "test-runs/1", "test-runs/execution-statuses", "test-runs/subhierarchy", "test-runs/1/comments",
                     "test-runs/1/test-logs", "test-runs/1/test-logs/1", "test-runs/1/test-logs/last-run"]
        for path in paths {
            let r = try h.get("\(other)/\(path)", token: Demo.testerToken)
            #expect(r.status == 403, "GET \(path)")
        }
        let writes: [(String, String)] = [("POST", "releases"), ("POST", "builds"), ("POST", "test-cycles"), ("POST", "test-suites"),
                                          ("POST", "test-runs"), ("POST", "test-runs/1/test-logs"), ("POST", "test-runs/1/auto-test-logs"),
                                          ("PUT", "test-runs/1/auto-test-logs/1"), ("POST", "test-runs/assign-parameter-values/manually"),
                                          ("DELETE", "test-cycles/1"), ("PUT", "test-suites/1")]
        for (method, path) in writes {
            #expect(try h.send(method, "\(other)/\(path)", json: ["name": "x"], token: Demo.testerToken).status == 403, "\(method) \(path)")
        }
    }
}
