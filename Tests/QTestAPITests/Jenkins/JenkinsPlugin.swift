import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// The qTest Jenkins plugin (2024.3) as the emulator sees it: every request it makes, with its
/// headers and bodies, and the checks it applies to each answer (behaviour notes §13), so that a
/// test fails where the real plugin would give up.
///
/// Like the plugin's Apache HttpClient, it opens a new connection per request and sends
/// `User-Agent: qTest-Jenkins`, `Accept-Encoding: gzip,deflate`, `Connection: Keep-Alive` and no
/// `Accept`; authenticated calls carry `Authorization: Bearer <token>` and
/// `Content-Type: application/json`, GETs included. The qTest URL is used as typed (a trailing
/// slash makes `//api/v3/…`).
final class JenkinsPlugin {
    let port: Int
    /// The "qTest URL" field, e.g. `http://127.0.0.1:8080/`.
    let qtestURL: String
    /// The "API Key" field.
    let apiKey: String
    /// The 2024.3 "App Secret Key" field, sent verbatim as the token exchange's `Authorization`
    /// (an empty string for a pipeline script written for 2024.2, nil to send no header).
    let secretKey: String?
    /// `METHOD path status`, one line per request, for failure messages.
    private(set) var transcript: [String] = []

    init(port: Int, trailingSlash: Bool = true, apiKey: String = Demo.adminToken,
         secretKey: String? = "Basic " + Data("jenkins:ddKsV086cQmo0Z6MS0BiN0zJbuWKnNh4".utf8).base64EncodedString()) {
        self.port = port
        self.qtestURL = "http://127.0.0.1:\(port)" + (trailingSlash ? "/" : "")
        self.apiKey = apiKey
        self.secretKey = secretKey
    }

    // MARK: Transport

    /// One request on a new connection. `path` starts with `/`; it is joined to the qTest URL
    /// as the plugin joins it.
    func send(_ method: String, _ path: String, token: String?, body: Data? = nil, extraHeaders: [(String, String)] = []) throws -> WireResponse {
        // `http://host:port/` + `/api/v3/…` → the request target `//api/v3/…`.
        let prefix = qtestURL.hasSuffix("/") ? "/" : ""
        var headers: [(String, String)] = []
        if let token {
            headers.append(("Content-Type", "application/json"))
            headers.append(("Authorization", "Bearer \(token)"))
        }
        headers += extraHeaders
        headers += [("User-Agent", "qTest-Jenkins"), ("Accept-Encoding", "gzip,deflate"), ("Connection", "Keep-Alive")]
        let client = HTTPTestClient(port: port)
        defer { client.close() }
        let response = try client.exchange(method, prefix + path, headers: headers, body: body)
        transcript.append("\(method) \(prefix + path) \(response.status)")
        return response
    }

    /// A JSON body the way Jackson writes it (nulls kept as `null`).
    static func json(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    }

    // MARK: 13.3 GET /version

    /// `GET /version` with no token and no Content-Type. The plugin needs a JSON object whose
    /// `name` is `test-conductor` (any case) and whose `version` has three numeric parts, at
    /// least 8.9.4 (below it, it falls back to the old setting shape and hides containers).
    @discardableResult
    func version() throws -> [Int] {
        let r = try send("GET", "/version", token: nil)
        #expect((r.object["name"] as? String)?.lowercased() == "test-conductor", "\(r)")
        let text = try #require(r.object["version"] as? String, "a version is required: \(r)")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        #expect(parts.count == 3 && text.split(separator: ".").count == 3, "three numeric parts: \(text)")
        #expect(parts.lexicographicallyPrecedes([8, 9, 4]) == false, "at least 8.9.4: \(text)")
        return parts
    }

    // MARK: 13.2 Token exchange

    /// `POST /oauth/token?grant_type=refresh_token&refresh_token=<key>`, empty body, no
    /// Content-Type, the secret as `Authorization`. Needs 200 and an `access_token`.
    func token() throws -> String {
        let key = apiKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? apiKey
        let headers = secretKey.map { [("Authorization", $0)] } ?? []
        let r = try send("POST", "/oauth/token?grant_type=refresh_token&refresh_token=\(key)", token: nil, body: Data(), extraHeaders: headers)
        #expect(r.status == 200, "token exchange: \(r)")
        let token = try #require(r.object["access_token"] as? String, "access_token: \(r)")
        #expect(!token.isEmpty)
        return token
    }

    // MARK: 13.4 The CI setting

    /// Where a job's setting lives.
    struct Identity {
        var server: String
        var project: String
        var ciid = "02-42-AC-11-00-02:8080"
    }

    /// The plugin's "found" rule: 200, one object, `ci_type` jenkins (any case), `ciid` empty
    /// or ours (any case). Anything else, an array included, is "not found".
    func isFound(_ r: WireResponse, ciid: String) -> [String: Any]? {
        guard r.status == 200, let object = r.json as? [String: Any] else { return nil }
        guard (object["ci_type"] as? String)?.lowercased() == "jenkins" else { return nil }
        let theirs = object["ciid"] as? String ?? ""
        guard theirs.isEmpty || theirs.lowercased() == ciid.lowercased() else { return nil }
        return object
    }

    /// The lookup (`server` sent raw, `project` and `ciid` form-encoded), then `…/ci/{storedID}`
    /// when it is not 200. Returns the setting found, or nil.
    func findSetting(project projectID: Int, _ identity: Identity, storedID: String, token: String) throws -> [String: Any]? {
        func encoded(_ s: String) -> String {
            (s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._* "))) ?? s)
                .replacingOccurrences(of: " ", with: "+")
        }
        let lookup = try send("GET", "/api/v3/projects/\(projectID)/ci?server=\(identity.server)&project=\(encoded(identity.project))"
                                     + "&type=jenkins&ciid=\(encoded(identity.ciid))", token: token)
        #expect(lookup.status == 200 || lookup.status == 404, "lookup: \(lookup)")
        if lookup.status == 200 { return isFound(lookup, ciid: identity.ciid) }
        #expect(lookup.object["message"] is String, "a 404 names the problem: \(lookup)")
        let byID = try send("GET", "/api/v3/projects/\(projectID)/ci/\(storedID)", token: token)
        if storedID == "null" || storedID == "0" { #expect(byID.status == 404, "\(storedID): \(byID)") }
        #expect(byID.status == 200 || byID.status == 404, "by id: \(byID)")
        return isFound(byID, ciid: identity.ciid)
    }

    /// `ConfigService.saveConfiguration`: find, then `PUT …/ci/{found id}` or `POST …/ci`. The body
    /// is `setting` with `ci_type` and `ciid` filled in and nulls left out. Needs exactly 200 and
    /// an answer with a numeric `id` and `module_id`.
    func saveSetting(project projectID: Int, _ identity: Identity, storedID: String, _ setting: [String: Any],
                     token: String) throws -> [String: Any] {
        let found = try findSetting(project: projectID, identity, storedID: storedID, token: token)
        var body = setting
        body["ci_type"] = "jenkins"
        body["ciid"] = identity.ciid
        body["ci_server"] = identity.server
        body["ci_project"] = identity.project
        body["project_id"] = projectID
        let r: WireResponse
        if let id = found?["id"] as? Int, id > 0 {
            r = try send("PUT", "/api/v3/projects/\(projectID)/ci/\(id)", token: token, body: try Self.json(body))
        } else {
            r = try send("POST", "/api/v3/projects/\(projectID)/ci", token: token, body: try Self.json(body))
        }
        #expect(r.status == 200, "save: \(r)")
        JenkinsPlugin.checkSettingKeys(r.object)
        return r.object
    }

    /// Every key of the answer, typed as the plugin's model reads it.
    static func checkSettingKeys(_ setting: [String: Any]) {
        for key in ["id", "project_id", "test_suite_id", "module_id", "environment_id"] {
            #expect(setting[key] is Int, "\(key) must be a number: \(setting)")
        }
        for key in ["ci_type", "ci_server", "ci_project", "ciid"] { #expect(setting[key] is String, "\(key): \(setting)") }
        #expect(setting["overwrite_existing_test_steps"] is Bool, "\(setting)")
        #expect((setting["id"] as? Int ?? 0) > 0)
        #expect(setting["release_id"] is Int || setting["container"] is [String: Any], "a place: \(setting)")
        if let container = setting["container"] as? [String: Any] {
            #expect(container["id"] is Int && container["type"] is String && container["create_new_test_suite"] is Bool, "\(container)")
        }
    }

    // MARK: 13.6 The target suite (container mode)

    /// `prepareTestSuite`: the first suite directly in the container whose `name` is exactly
    /// `name`, else a new one with the environment (both ids numbers, sent only when > 0).
    /// The create needs exactly 200.
    func targetSuite(project projectID: Int, containerID: Int, type: String, name: String, environmentField: Int, environmentValue: Int,
                     token: String) throws -> Int {
        let list = try send("GET", "/api/v3/projects/\(projectID)/test-suites?parentId=\(containerID)&parentType=\(type)", token: token)
        #expect(list.status == 200, "\(list)")
        for suite in list.array {
            let suiteName = try #require(suite["name"] as? String)
            if suiteName == name { return try #require(suite["id"] as? Int) }
        }
        var body: [String: Any] = ["name": name]
        if environmentField != 0 && environmentValue > 0 {
            body["properties"] = [["field_id": environmentField, "field_value": environmentValue]]
        }
        let created = try send("POST", "/api/v3/projects/\(projectID)/test-suites?parentId=\(containerID)&parentType=\(type)",
                               token: token, body: try Self.json(body))
        #expect(created.status == 200, "Could not find or create test suite: \(created)")
        return try #require(created.object["id"] as? Int)
    }

    // MARK: 13.8 Uploads and the poll

    /// Either upload needs exactly 201 and an `id` > 0.
    func upload(_ path: String, body: [String: Any], token: String) throws -> Int {
        let r = try send("POST", path, token: token, body: try Self.json(body))
        #expect(r.status == 201, "upload: \(r)")
        let id = r.object["id"] as? Int ?? 0
        #expect(id > 0, "\(r)")
        return id
    }

    /// The poll: one token for every request, first at once, then until `state` is exactly
    /// SUCCESS or FAILED; each answer must be 200. Returns the parsed `content` (a JSON string).
    func poll(_ jobID: Int, token: String, interval: TimeInterval = 0.05, timeout: TimeInterval = 30) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let r = try send("GET", "/api/v3/projects/queue-processing/\(jobID)", token: token)
            #expect(r.status == 200, "poll: \(r)")
            let state = r.object["state"] as? String ?? ""
            if state == "SUCCESS" || state == "FAILED" {
                #expect(state == "SUCCESS", "\(r)")
                let text = try #require(r.object["content"] as? String, "content must be text: \(r)")
                let content = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "content is JSON: \(text)")
                #expect((content["testSuiteId"] as? Int ?? 0) > 0, "testSuiteId > 0 means success: \(text)")
                #expect(content["testSuiteName"] is String && content["totalTestLogs"] is Int, "\(text)")
                return content
            }
            guard Date() < deadline else { throw TestClientError(description: "job \(jobID) still \(state)") }
            usleep(UInt32(interval * 1_000_000))
        }
    }

    // MARK: Bodies

    /// A Jenkins date: `yyyy-MM-dd'T'HH:mm:ss.SSS` and the JVM's offset without a colon.
    static let start = "2026-01-31T09:15:00.000+0700"
    static let end = "2026-01-31T09:15:04.000+0700"

    /// One result item, one test case per class: the class is the automation content, one step
    /// per method when "overwrite existing test steps" is on (step statuses may be Jenkins'
    /// FIXED and REGRESSION), every key in the plugin's order.
    static func result(_ className: String, status: String, order: Int, steps: [(String, String)]?, legacy: Bool,
                       buildNumber: String = "42", buildURL: String = "http://ci:8080/jenkins/job/nightly/42/") -> [String: Any] {
        var item: [String: Any] = [
            "build_number": legacy ? NSNull() : buildNumber, "build_url": legacy ? NSNull() : buildURL,
            "exe_start_date": start, "exe_end_date": end,
            "automation_content": className, "status": status, "name": className, "order": order,
            "attachments": status == "FAILED"
                ? [["name": "\(steps?.first { $0.1 != "PASSED" && $0.1 != "FIXED" }?.0 ?? "test").txt", "content_type": "text/plain",
                    "data": Data("java.lang.AssertionError: expected".utf8).base64EncodedString()]]
                : [[String: Any]](),
        ]
        if let steps {
            item["test_step_logs"] = steps.enumerated().map { index, step -> [String: Any] in
                ["description": step.0, "expected_result": step.0, "actual_result": NSNull(), "order": index, "status": step.1]
            }
        }
        return item
    }

    /// The wrapper, always with all seven keys.
    static func wrapper(buildNumber: String, buildPath: String, testSuite: Int?, parentModule: Int?, v31: [[String: Any]]?,
                        legacy: [[String: Any]]?) -> [String: Any] {
        [
            "buildNumber": buildNumber, "buildPath": buildPath, "test_suite": testSuite.map { $0 as Any } ?? NSNull(),
            "skipCreatingAutomationModule": true, "parent_module": parentModule.map { $0 as Any } ?? NSNull(),
            "test_logs": v31.map { $0 as Any } ?? NSNull(), "testResults": legacy.map { $0 as Any } ?? NSNull(),
        ]
    }
}
