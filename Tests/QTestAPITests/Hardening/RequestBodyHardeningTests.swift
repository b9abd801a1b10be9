import Foundation
import Testing
import TestSupport

/// Hostile request bodies over a real socket: huge objects, deep nesting, NUL in strings,
/// numbers no integer type holds. Each must get a qTest-shaped answer (never a 500 or a
/// crash) and leave the server serving.
@Suite struct RequestBodyHardeningTests {
    private var p: String { EmulatorHarness.project }

    @Test func hugeObjectBodiesAreAnsweredQuickly() throws {
        let h = try EmulatorHarness()
        let big = Self.object(keys: 80_000)
        #expect(big.utf8.count > 800_000)
        let (release, releaseSeconds) = try Self.timed { try h.raw("POST", "\(p)/releases", big) }
        #expect(release.status == 400 && release.object["message"] as? String == "Field 'name' is required", "\(release)")
        // Quadratic parsing took 16.9 s of CPU for this body; allow for a loaded debug build.
        #expect(releaseSeconds < 5, "80k-key body took \(releaseSeconds) s")
        // The token endpoint reads form parameters from a JSON body too.
        let (token, tokenSeconds) = try Self.timed {
            try h.client.send("POST", "/oauth/token", headers: [
                ("Authorization", "Basic " + Data("test-client:".utf8).base64EncodedString()), ("Content-Type", "application/json"),
            ], body: Data(Self.object(keys: 40_000).utf8))
        }
        #expect(token.status == 400 && token.object["error"] as? String == "invalid_request", "\(token)")
        #expect(tokenSeconds < 5, "40k-key token body took \(tokenSeconds) s")
        #expect(try h.get("/api/v3/projects").status == 200)
    }

    @Test func deeplyNestedBodyIsA400() throws {
        let h = try EmulatorHarness()
        for body in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
                     "{\"name\":\"n\",\"properties\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"] {
            let r = try h.raw("POST", "\(p)/releases", body)
            #expect(r.status == 400, "\(r)")
            #expect((r.object["message"] as? String)?.contains("levels deep") == true, "\(r)")
        }
        #expect(try h.get("/api/v3/projects").status == 200)
    }

    @Test func nulInStringsIsRefusedNotTruncated() throws {
        let h = try EmulatorHarness()
        let nul = #""before\u0000after""#
        let releaseID = try h.release("Kept")
        let caseID = try h.testCase("Kept case", steps: 1).id
        let attempts: [(String, String, String)] = [
            ("POST", "\(p)/releases", #"{"name":\#(nul)}"#),
            ("PUT", "\(p)/releases/\(releaseID)", #"{"name":\#(nul)}"#),
            ("POST", "\(p)/test-cases", #"{"name":"ok","description":\#(nul)}"#),
            ("PUT", "\(p)/test-cases/\(caseID)", #"{"name":\#(nul)}"#),
            ("POST", "\(p)/requirements", #"{"name":"ok","properties":[{"field_id":608962,"field_value":\#(nul)}]}"#),
            ("POST", "\(p)/defects", #"{"properties":[{"field_id":608970,"field_value":\#(nul)}]}"#),
            // In a key too: keys are stored as well (agent `dynamic` values, bulk test-case ids).
            ("POST", "\(p)/test-cases", #"{"name":"ok","a\u0000b":1}"#),
        ]
        for (method, path, body) in attempts {
            let r = try h.raw(method, path, body)
            #expect(r.status == 400, "\(method) \(path): \(r)")
            #expect((r.object["message"] as? String)?.contains("NUL") == true, "\(method) \(path): \(r)")
        }
        // Nothing was stored, cut short or otherwise.
        let releases = try h.get("\(p)/releases").array.compactMap { $0["name"] as? String }
        #expect(!releases.contains("before") && releases.contains("Kept"))
        #expect(try h.get("\(p)/test-cases/\(caseID)").object["name"] as? String == "Kept case")
        // Other control characters are stored whole and come back escaped.
        let created = try h.raw("POST", "\(p)/releases", #"{"name":"a\u0001b\u001fc"}"#)
        let id = try h.createdID(created, "release")
        let fetched = try h.get("\(p)/releases/\(id)")
        #expect(fetched.object["name"] as? String == "a\u{1}b\u{1F}c")
        #expect(fetched.text.contains(#""name":"a\u0001b\u001fc""#))
        // A form-encoded grant parameter with %00 is refused too, rather than compared cut short.
        let login = try h.client.send("POST", "/oauth/token", headers: [
            ("Authorization", "Basic " + Data("test-client:".utf8).base64EncodedString()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ], body: Data("grant_type=password&username=\(Demo.adminUser)%00junk&password=\(Demo.adminPassword)".utf8))
        #expect(login.status == 400 && login.object["error"] as? String == "invalid_request", "\(login)")
    }

    /// `1e19`, `1e300`, `1e400`, `-1e19` and `9223372036854775808` used to trap converting to
    /// `Int64` on every route that reads `properties`. Now a text field keeps the number as it
    /// was written, a lookup field refuses it, and an integer field (`field_id`, ids) is a 400.
    @Test func largeNumbersInPropertiesNeverTrap() throws {
        let h = try EmulatorHarness()
        let release = try h.release(), build = try h.build(release), suite = try h.suite()
        let tc = try h.testCase(steps: 1)
        // Its own case: updating `tc` below makes a version with new step ids.
        let parameterized = try h.testCase("Parameterized", steps: 1)
        let run = try h.run(tc.id)
        let log = try h.createdID(h.post("\(p)/test-runs/\(run)/test-logs", json: EmulatorHarness.manualLog(601)), "log")
        let requirement = try h.createdID(h.post("\(p)/requirements", json: ["name": "R"]), "requirement")
        let defect = try h.createdID(h.post("\(p)/defects", json: ["properties": [["field_id": 608970, "field_value": "D"]]]), "defect")
        let manualLog = #""status":{"id":601},"exe_start_date":"2026-01-05T10:00:00Z","exe_end_date":"2026-01-05T10:01:00Z""#
        let autoLog = #""status":"PASSED","name":"auto","automation_content":"a.b","exe_start_date":"2026-01-05T10:00:00Z","exe_end_date":"2026-01-05T10:00:30Z""#
        // (method, path, fields before `properties`, field, what the route does with it)
        let routes: [(String, String, String, Int, PropertyUse)] = [
            ("POST", "\(p)/releases", #""name":"n","#, 608950, .lookup),
            ("PUT", "\(p)/releases/\(release)", #""name":"n","#, 608950, .lookup),
            ("POST", "\(p)/builds", #""name":"n","release":{"id":\#(release)},"#, 608955, .lookup),
            ("PUT", "\(p)/builds/\(build)", #""name":"n","#, 608955, .lookup),
            ("POST", "\(p)/test-suites?parentId=0&parentType=root", #""name":"n","#, -184, .text),
            ("PUT", "\(p)/test-suites/\(suite)", #""name":"n","#, -184, .text),
            ("POST", "\(p)/test-runs", #""name":"n","test_case":{"id":\#(tc.id)},"#, 608922, .text),
            ("PUT", "\(p)/test-runs/\(run)", #""name":"n","#, 608922, .text),
            ("POST", "\(p)/test-runs/\(run)/test-logs", manualLog + ",", 608923, .text),
            // Updating a manual log takes no properties.
            ("PUT", "\(p)/test-runs/\(run)/test-logs/\(log)", manualLog + ",", 608923, .ignored),
            ("POST", "\(p)/test-runs/\(run)/auto-test-logs", autoLog + ",", 608924, .text),
            ("POST", "\(p)/test-cases", #""name":"n","#, 608944, .text),
            ("PUT", "\(p)/test-cases/\(tc.id)", #""name":"n","#, 608944, .text),
            ("POST", "\(p)/requirements", #""name":"n","#, 608962, .text),
            ("PUT", "\(p)/requirements/\(requirement)", #""name":"n","#, 608962, .text),
            // Summary is required on a new defect: it is the field under test here.
            ("POST", "\(p)/defects", "", 608970, .text),
            ("PUT", "\(p)/defects/\(defect)", "", 608971, .text),
            ("POST", "\(p)/test-runs/assign-parameter-values/manually",
             #""test_case":{"id":\#(parameterized.id)},"test_runs":[[{"step_id":\#(parameterized.steps[0]),"description_parameter_values":[1e19,1e400]}]],"#, 608922, .job),
        ]
        let numbers = ["1e19", "1e300", "1e400", "-1e19", "9223372036854775808"]
        for (method, path, prefix, field, use) in routes {
            for number in numbers {
                let r = try h.raw(method, path, "{\(prefix)\"properties\":[{\"field_id\":\(field),\"field_value\":\(number)}]}")
                let label = "\(method) \(path) field_value \(number)"
                #expect([200, 201, 400].contains(r.status), "\(label): \(r)")
                if r.status == 400 { #expect(r.object["message"] is String, "\(label): \(r)") }
                switch use {
                case .text:
                    #expect((200...201).contains(r.status), "\(label): \(r)")
                    let props = r.object["properties"] as? [[String: Any]] ?? []
                    let stored = props.first { $0["field_id"] as? Int == field }?["field_value"] as? String
                    #expect(stored == number, "\(label) is stored as the text sent: \(r)")
                case .lookup:
                    #expect(r.status == 400, "not an allowed value of a lookup field: \(label): \(r)")
                case .job:
                    #expect(r.status == 200, "\(label): \(r)")
                case .ignored:
                    continue
                }
                // Where an integer is required, such numbers are a 400 naming the field.
                let badID = try h.raw(method, path, "{\(prefix)\"properties\":[{\"field_id\":\(number),\"field_value\":\"x\"}]}")
                #expect(badID.status == 400 && (badID.object["message"] as? String)?.contains("field_id") == true, "\(label) as field_id: \(badID)")
            }
        }
        // The stored text survives a read back.
        let stored = try h.raw("POST", "\(p)/test-cases", #"{"name":"n","properties":[{"field_id":608944,"field_value":1e400}]}"#)
        let storedID = try h.createdID(stored, "test case")
        let props = try h.get("\(p)/test-cases/\(storedID)").object["properties"] as? [[String: Any]] ?? []
        #expect(props.first { $0["field_id"] as? Int == 608944 }?["field_value"] as? String == "1e400")
        #expect(try h.get("/api/v3/projects").status == 200, "the server is still up")
    }

    @Test func integerFieldsRefuseNumbersTheyCannotHold() throws {
        let h = try EmulatorHarness()
        let tc = try h.testCase(steps: 1)
        let attempts: [(String, String, String)] = [
            ("POST", "\(p)/test-runs", #"{"name":"n","test_case":{"id":1e300}}"#),
            ("POST", "\(p)/test-runs", #"{"name":"n","test_case":{"id":9223372036854775808}}"#),
            ("POST", "\(p)/test-runs", #"{"name":"n","test_case":{"id":1.5}}"#),
            ("POST", "\(p)/builds", #"{"name":"n","release":{"id":-1e19}}"#),
            ("POST", "\(p)/test-runs/assign-parameter-values/dataset",
             #"{"test_case":{"id":\#(tc.id)},"dataset_id":"d","from_row":9223372036854775807,"number_of_rows":2}"#),
            ("POST", "\(p)/test-runs/assign-parameter-values/dataset",
             #"{"test_case":{"id":\#(tc.id)},"dataset_id":"d","from_row":1e400,"number_of_rows":2}"#),
            ("POST", "\(p)/test-cases/\(tc.id)/test-steps", #"{"description":"d","order":1e19}"#),
            ("POST", "\(p)/modules", #"{"name":"m","parent_id":1e300}"#),
        ]
        for (method, path, body) in attempts {
            let r = try h.raw(method, path, body)
            #expect(r.status == 400 && r.object["message"] is String, "\(method) \(path) \(body): \(r)")
        }
        #expect(try h.get("/api/v3/projects").status == 200, "the server is still up")
    }

    // MARK: Helpers

    enum PropertyUse {
        /// A free-text field: the number is stored as written.
        case text
        /// A lookup field: the number is not one of its values, a 400.
        case lookup
        /// Runs created through a job; the answer is the job.
        case job
        /// The route reads no properties.
        case ignored
    }

    /// `{"k0":0,"k1":1,…}`.
    static func object(keys: Int) -> String {
        var text = "{"
        text.reserveCapacity(keys * 16)
        for i in 0..<keys { text += (i == 0 ? "\"" : ",\"") + "key\(i)\":\(i)" }
        return text + "}"
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, TimeInterval) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }
}

extension EmulatorHarness {
    /// Sends `body` as it is: `JSONSerialization` cannot write `1e400` or `\u0000` escapes.
    func raw(_ method: String, _ path: String, _ body: String) throws -> WireResponse {
        try client.send(method, path, headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("Content-Type", "application/json")],
                        body: Data(body.utf8))
    }
}
