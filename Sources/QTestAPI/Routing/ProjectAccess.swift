import Foundation
import QTestStore

extension EmulatorContext {
    /// The project a request names, checked for the caller: an unknown project is a 404, a
    /// project the caller is not assigned to a 403 with the text that one client's self-repair
    /// path looks for. Site administrators reach every project.
    @discardableResult
    func project(_ db: StoreDatabase, _ projectID: Int64, for caller: Caller) throws -> ProjectRecord {
        guard let project = try Projects.find(db, projectID) else {
            throw APIError.notFound("Project does not exist")
        }
        if !caller.isSiteAdmin, try !Projects.isMember(db, userId: caller.userID, projectId: projectID) {
            throw APIError.forbidden("User need to be assigned to project to performs this action!")
        }
        return project
    }

    /// Site-administrator-only operations (projects, users, groups).
    func requireSiteAdmin(_ caller: Caller) throws {
        guard caller.isSiteAdmin else { throw APIError.forbidden("No permission") }
    }
}
