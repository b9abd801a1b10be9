import Foundation
import HTTPServer
import QTestStore

/// The Jenkins plugin's CI setting, one per job and project (`ConfigService.getConfiguration`,
/// `saveConfiguration`):
///
/// - `GET /api/v3/projects/{projectId}/ci?server=…&project=…&type=jenkins&ciid=…`: the job's
///   setting, or 404 (the plugin then asks by the id it stored);
/// - `GET …/ci/{settingId}`: one setting, 404 for an unknown id (`null` and `0` included);
/// - `POST …/ci` (a new job, or one that lost its id) and `PUT …/ci/{settingId}`: answer
///   exactly 200 with the whole setting, which the plugin needs (any other status is a save
///   error that cancels the upload).
///
/// Saving needs `test_run.execute` (``ProjectPermission``): every build saves its setting
/// before it uploads, so whoever may upload results may save it.
enum CISettingRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let base = "/api/v3/projects/{projectId}/ci"
        table.project("GET", base) { context in
            let lookup = try CISettingRequestParsing.lookup(context)
            return try context.read(answering: 200) { db in
                guard let setting = try CISettings.lookup(db, projectId: context.projectID, type: lookup.type, server: lookup.server,
                                                          project: lookup.project, ciid: lookup.ciid) else {
                    throw APIError.notFound("No CI setting for \(lookup.type) job '\(lookup.project)' on \(lookup.server)")
                }
                return CISettingWire.encode(setting)
            }
        }
        table.project("GET", base + "/{settingId}") { context in
            let id = try CISettingRequestParsing.settingID(context)
            return try context.read(answering: 200) { db in
                CISettingWire.encode(try CISettings.get(db, projectId: context.projectID, id))
            }
        }
        table.project("POST", base) { context in
            let draft = try CISettingRequestParsing.draft(try context.jsonBody().requireObject(), projectID: context.projectID)
            return try context.write(answering: 200) { db in
                CISettingWire.encode(try CISettings.save(db, projectId: context.projectID, draft, by: context.caller.userID, at: context.now))
            }
        }
        table.project("PUT", base + "/{settingId}") { context in
            let id = try CISettingRequestParsing.settingID(context)
            let draft = try CISettingRequestParsing.draft(try context.jsonBody().requireObject(), projectID: context.projectID)
            return try context.write(answering: 200) { db in
                CISettingWire.encode(try CISettings.update(db, projectId: context.projectID, id, draft, by: context.caller.userID, at: context.now))
            }
        }
    }
}
