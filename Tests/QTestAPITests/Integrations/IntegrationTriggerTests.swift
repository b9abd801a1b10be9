import Foundation
import Testing
import TestSupport

/// What would reach Jira: field settings, retrievals of a connection, the defect retrieval.
/// They are accepted and checked, queued as jobs `queue-processing` reports, in the request
/// journal, and change no qTest data.
@Suite struct IntegrationTriggerTests {
    static func journal(_ h: EmulatorHarness, route: String) throws -> [[String: Any]] {
        let query = route.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? route
        return try h.get("/__emulator/journal?route=\(query)", token: .some(nil)).object["items"] as? [[String: Any]] ?? []
    }

    @Test func retrievalsAreQueuedJobsInTheJournalThatChangeNoQTestData() throws {
        let h = try EmulatorHarness(.live)
        let before = try Self.stateBesideJobs(h)
        for artifact in ["Defects", "Requirements", "Releases", "release"] {
            let r = try h.get(Integration.path(5001, "/retrieve?artifact=\(artifact)"))
            #expect(r.status == 200, "\(artifact): \(r)")
            let type = try #require(r.object["type"] as? String)
            #expect(type == ["Defects": "FETCH_LINKED_DEFECTS", "Requirements": "FETCH_REQUIREMENTS"][artifact] ?? "FETCH_RELEASES")
            let job = try Integration.finished(h, job: try #require(r.object["id"] as? Int))
            #expect(job["state"] as? String == "SUCCESS", "\(job)")
            let content = try #require(try JSONSerialization.jsonObject(with: Data((job["content"] as? String ?? "").utf8)) as? [String: Any])
            #expect(content["connectionIds"] as? [Int] == [5001] && content["totalRetrieved"] as? Int == 0, "\(content)")
        }
        let journaled = try Self.journal(h, route: "GET /api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/retrieve")
        #expect(journaled.count == 4)
        #expect(journaled.allSatisfy { $0["status"] as? Int == 200 && ($0["query"] as? String ?? "").hasPrefix("artifact=") })

        let defects = try h.post("/api/v3/projects/108781/settings/jira-integration/defect/retrieve", json: ["JIRA-1", "JIRA-2"])
        #expect(defects.status == 200 && defects.object["type"] as? String == "FETCH_LINKED_DEFECTS", "\(defects)")
        let defectJob = try Integration.finished(h, job: try #require(defects.object["id"] as? Int))
        #expect(defectJob["state"] as? String == "SUCCESS" && (defectJob["content"] as? String ?? "").contains("JIRA-2"), "\(defectJob)")
        let posted = try Self.journal(h, route: "POST /api/v3/projects/{projectId}/settings/jira-integration/defect/retrieve")
        #expect(posted.first?["request_body"] as? String == #"["JIRA-1","JIRA-2"]"#)

        // Nothing of qTest's changed: the export is the same but for the five jobs.
        #expect(try Self.stateBesideJobs(h) == before)
        let projects = try h.get("/__emulator/export", token: .some(nil)).object["projects"] as? [[String: Any]]
        #expect((projects?.first { $0["id"] as? Int == 108781 }?["jobs"] as? [Any])?.count == 5)
    }

    /// The export without the projects' jobs, as canonical JSON text.
    static func stateBesideJobs(_ h: EmulatorHarness) throws -> String {
        var state = try h.get("/__emulator/export", token: .some(nil)).object
        state["projects"] = (state["projects"] as? [[String: Any]])?.map { $0.filter { $0.key != "jobs" } }
        return String(decoding: try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func retrievalsNeedAnActiveConnectionAndTheFeatureOn() throws {
        let h = try EmulatorHarness(.router)
        let id = try Integration.connection(h)
        let inactive = try h.get(Integration.path(id, "/retrieve?artifact=Defects"))
        #expect(inactive.status == 400 && (inactive.object["message"] as? String ?? "").contains("inactive"), "\(inactive)")
        try Integration.enable(h, id, "")
        #expect(try h.get(Integration.path(id, "/retrieve?artifact=Defects")).status == 200)
        for artifact in ["Requirements", "Releases"] {
            let r = try h.get(Integration.path(id, "/retrieve?artifact=\(artifact)"))
            #expect(r.status == 400 && (r.object["message"] as? String ?? "").contains("disabled"), "\(artifact): \(r)")
        }
        for query in ["", "?artifact=", "?artifact=TestCases"] {
            #expect(try h.get(Integration.path(id, "/retrieve\(query)")).status == 400, "\(query)")
        }
        #expect(try h.get(Integration.path(999_999, "/retrieve?artifact=Defects")).status == 404)

        // The defect retrieval needs a list of keys and an active connection in the project.
        for body in [[], [""], [["key": "JIRA-1"]], "JIRA-1"] as [Any] {
            #expect(try h.post("/api/v3/projects/108781/settings/jira-integration/defect/retrieve", json: body).status == 400, "\(body)")
        }
        let none = try h.post("/api/v3/projects/108782/settings/jira-integration/defect/retrieve", json: ["JIRA-1"])
        #expect(none.status == 400 && (none.object["message"] as? String ?? "").contains("no active Jira connection"), "\(none)")
    }

    @Test func aRetrievalWhoseConnectionIsDeletedBeforeItRunsFails() throws {
        let h = try EmulatorHarness(.router, jobDelay: 0.5)
        // A frozen clock holds the job however slow the machine is; advancing it releases the job.
        let now = ISO8601DateFormatter().string(from: Date())
        #expect(try h.put("/__emulator/clock", json: ["time": now], token: .some(nil)).status == 200)
        let id = try Integration.connection(h)
        try Integration.enable(h, id, "")
        let queued = try h.get(Integration.path(id, "/retrieve?artifact=Defects"))
        #expect(queued.object["state"] as? String == "IN_WAITING", "\(queued)")
        #expect(try h.delete(Integration.path(id)).status == 200)
        #expect(try h.post("/__emulator/clock/advance", json: ["seconds": 1], token: .some(nil)).status == 200)
        let job = try Integration.finished(h, job: try #require(queued.object["id"] as? Int))
        #expect(job["state"] as? String == "FAILED" && (job["content"] as? String ?? "").contains("deleted"), "\(job)")
    }

    @Test func refreshedFieldSettingsAreTheFieldsTheMappingsName() throws {
        let h = try EmulatorHarness(.router)
        // The demo connection: a requirement mapping (8002) showing id, status, summary and
        // description, grouped by fixVersions; a defect mapping filling description.
        let requirement = try h.post(Integration.path(5001, "/refreshFieldSettings?artifact=Requirements&mappingId=8002"))
        #expect(requirement.status == 200, "\(requirement)")
        let fields = try #require(requirement.json as? [[String: Any]])
        #expect(fields.first?["externalFieldId"] as? String == "id" && fields.first?["externalFieldName"] as? String == "ID")
        let active = Set(fields.filter { $0["active"] as? Bool == true }.compactMap { $0["externalFieldId"] as? String })
        #expect(active == ["id", "status", "summary", "description"])
        #expect(fields.contains { $0["externalFieldId"] as? String == "fixVersions" && $0["active"] as? Bool == false })

        let defect = try h.post(Integration.path(5001, "/refreshFieldSettings?artifact=Defects"))
        let defectFields = try #require(defect.json as? [[String: Any]], "\(defect)")
        #expect(defectFields.compactMap { $0["externalFieldId"] as? String } == ["summary", "description", "environment"])
        #expect(defectFields.filter { $0["active"] as? Bool == true }.compactMap { $0["externalFieldId"] as? String } == ["description"])
        #expect(try h.post(Integration.path(5001, "/refreshFieldSettings?artifact=Defects&mappingId=8001")).status == 200)

        for query in ["artifact=Requirements", "artifact=Releases", "artifact=", "", "artifact=Requirements&mappingId=x"] {
            #expect(try h.post(Integration.path(5001, "/refreshFieldSettings?\(query)")).status == 400, "\(query)")
        }
        for query in ["artifact=Requirements&mappingId=8001", "artifact=Defects&mappingId=8002", "artifact=Requirements&mappingId=999"] {
            #expect(try h.post(Integration.path(5001, "/refreshFieldSettings?\(query)")).status == 404, "\(query)")
        }
        #expect(try h.post(Integration.path(999_999, "/refreshFieldSettings?artifact=Defects")).status == 404)
    }
}
