import Foundation
import Testing
import TestSupport

/// Builders for execution tests: each creates an object over the wire and returns its id.
extension EmulatorHarness {
    static let project = "/api/v3/projects/108781"
    var p: String { Self.project }

    func createdID(_ r: WireResponse, _ what: String = "object") throws -> Int {
        guard (200...201).contains(r.status), let id = r.object["id"] as? Int else {
            throw TestClientError(description: "creating \(what) failed: \(r)")
        }
        return id
    }

    func release(_ name: String = "R") throws -> Int { try createdID(post("\(p)/releases", json: ["name": name]), "release") }

    func build(_ release: Int, _ name: String = "B") throws -> Int {
        try createdID(post("\(p)/builds", json: ["name": name, "release": ["id": release]]), "build")
    }

    func cycle(_ name: String = "C", parent: Int = 0, type: String = "root") throws -> Int {
        try createdID(post("\(p)/test-cycles?parentId=\(parent)&parentType=\(type)", json: ["name": name]), "cycle")
    }

    func suite(_ name: String = "S", parent: Int = 0, type: String = "root") throws -> Int {
        try createdID(post("\(p)/test-suites?parentId=\(parent)&parentType=\(type)", json: ["name": name]), "suite")
    }

    /// A test case with `steps` steps; returns its id and step ids (in order).
    func testCase(_ name: String = "Case", steps: Int = 2) throws -> (id: Int, steps: [Int]) {
        let stepBodies = (0..<steps).map { ["description": "do \($0 + 1)", "expected": "ok \($0 + 1)"] }
        let r = try post("\(p)/test-cases", json: ["name": name, "test_steps": stepBodies])
        let id = try createdID(r, "test case")
        var stepIDs = (r.object["test_steps"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        if stepIDs.count != steps {
            stepIDs = (try get("\(p)/test-cases/\(id)?expand=teststep").object["test_steps"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        }
        return (id, stepIDs)
    }

    func run(_ caseID: Int, parent: Int = 0, type: String = "root", name: String = "Run") throws -> Int {
        try createdID(post("\(p)/test-runs?parentId=\(parent)&parentType=\(type)", json: ["name": name, "test_case": ["id": caseID]]), "run")
    }

    /// The Status property value of a run (`"605"` …).
    func runStatus(_ runID: Int) throws -> String? {
        let props = try get("\(p)/test-runs/\(runID)").object["properties"] as? [[String: Any]] ?? []
        return props.first { $0["field_name"] as? String == "Status" }?["field_value"] as? String
    }

    static func manualLog(_ status: Int, steps: [[String: Any]] = []) -> [String: Any] {
        ["status": ["id": status], "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:01:00.000+0000",
         "test_step_logs": steps]
    }

    static func autoLog(_ status: String) -> [String: Any] {
        ["status": status, "name": "auto", "automation_content": "pkg.Test#method",
         "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:30Z"]
    }
}

/// Reads the `id`s of a JSON array or of a paged wrapper's `items`.
func ids(_ r: WireResponse) -> [Int] {
    let items = r.array.isEmpty ? (r.object["items"] as? [[String: Any]] ?? []) : r.array
    return items.compactMap { $0["id"] as? Int }
}
