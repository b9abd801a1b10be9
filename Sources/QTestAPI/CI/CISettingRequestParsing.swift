import Foundation
import HTTPServer
import QTestStore

/// Reads the CI setting requests as the Jenkins plugin sends them.
enum CISettingRequestParsing {
    /// What `GET …/ci?server=…&project=…&type=jenkins&ciid=…` asks for.
    struct Lookup {
        let server: String
        let project: String
        let type: String
        let ciid: String?
    }

    /// The lookup's query. The plugin does not URL-encode `server`
    /// (`server=http://ci:8080/jenkins/`), but does encode `project` (`+` for a space) and
    /// `ciid` (`%3A` for `:`). So `server` is read from the raw query with `%XX` decoded and a
    /// `+` kept as a `+` (in a raw URL it is one), the others as usual.
    static func lookup(_ context: some RequestReading) throws -> Lookup {
        func required(_ name: String, _ value: String?) throws -> String {
            guard let value, !value.isEmpty else { throw APIError.badRequest("Query parameter '\(name)' is required") }
            guard !value.unicodeScalars.contains("\0") else { throw APIError.badRequest("Query parameter '\(name)' must not contain NUL") }
            return value
        }
        let ciid = context.queryString("ciid")
        if let ciid, ciid.unicodeScalars.contains("\0") { throw APIError.badRequest("Query parameter 'ciid' must not contain NUL") }
        return Lookup(server: try required("server", rawQueryValue(context.request.target, "server") ?? context.queryString("server")),
                      project: try required("project", context.queryString("project")),
                      type: try required("type", context.queryString("type")), ciid: ciid)
    }

    /// The first value of `name` in the target's query, `%XX`-decoded but with `+` left alone
    /// (an undecodable value is kept as sent).
    static func rawQueryValue(_ target: String, _ name: String) -> String? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        var query = target[target.index(after: question)...]
        if let fragment = query.firstIndex(of: "#") { query = query[..<fragment] }
        for piece in query.split(separator: "&") {
            guard let equals = piece.firstIndex(of: "="), piece[..<equals] == Substring(name) else { continue }
            let raw = String(piece[piece.index(after: equals)...])
            return raw.removingPercentEncoding ?? raw
        }
        return nil
    }

    /// A setting id from the path. The plugin asks for `…/ci/null` (the configuration page) and
    /// `…/ci/0` (pipelines) before anything is saved: both, and any other non-id, name no
    /// setting, which is a 404 like an unknown id.
    static func settingID(_ context: some RequestReading, _ name: String = "settingId") throws -> Int64 {
        let raw = context.pathString(name)
        guard let id = Int64(raw), id > 0 else { throw APIError.notFound(CISettingRecord.missing(raw)) }
        return id
    }

    /// A setting body (`model/qtest/Setting.java`, nulls left out). Its `id` is not read: the
    /// path names the setting (pipelines send `"id": 0` on PUT). A `project_id` must be the
    /// path's project.
    static func draft(_ body: JSON, projectID: Int64) throws -> CISettingDraft {
        if let project = try body.optionalInt("project_id"), project != 0, project != projectID {
            throw APIError.badRequest("Field 'project_id' (\(project)) is not the project of this request (\(projectID))")
        }
        var container: CIContainer?
        if let raw = try body.optionalObject("container") {
            let at = "container"
            let id: Int64
            do { id = try raw.requiredInt("id") } catch let error as APIError { throw nested(error, at) }
            guard id > 0 else { throw APIError.badRequest("Field 'container.id' must be a positive id") }
            let typeText: String
            do { typeText = try raw.requiredString("type") } catch let error as APIError { throw nested(error, at) }
            guard let type = ExecutionParentType(wire: typeText), type != .root else {
                throw APIError.badRequest("Field 'container.type' must be release, test-cycle or test-suite (got '\(typeText)')")
            }
            let daily: Bool
            do { daily = try raw.optionalBool("create_new_test_suite") ?? false } catch let error as APIError { throw nested(error, at) }
            container = CIContainer(type: type, id: id, createNewTestSuite: daily)
        }
        return CISettingDraft(
            ciType: try body.optionalString("ci_type") ?? "jenkins",
            ciServer: try body.requiredString("ci_server"),
            ciProject: try body.requiredString("ci_project"),
            ciid: try body.optionalString("ciid") ?? "",
            releaseId: try body.optionalInt("release_id"),
            container: container,
            testSuiteId: try body.optionalInt("test_suite_id"),
            moduleId: try body.optionalInt("module_id"),
            environmentId: try body.optionalInt("environment_id"),
            overwriteExistingTestSteps: try body.optionalBool("overwrite_existing_test_steps") ?? false)
    }

    /// `Field 'id' …` inside `container` becomes `Field 'container.id' …`.
    private static func nested(_ error: APIError, _ at: String) -> APIError {
        let message = error.body["message"]?.stringValue ?? "invalid"
        return APIError.badRequest(message.replacingOccurrences(of: "Field '", with: "Field '\(at)."))
    }
}
