import HTTPServer

/// On every route under `/projects/{projectId}`: the project must exist (404) and the caller be
/// assigned to it (403), and a write needs the caller's profile flag for it (403 naming it).
///
/// Because this runs for every such route, no route family can forget the check, and no body
/// is read for a project the caller may not touch.
struct ProjectAccessGuard: RequestGuard {
    /// Throws 404/403 when the caller may not reach the project.
    let authorizeProject: @Sendable (Caller, Int64) throws -> Void
    /// Throws 403 when the caller's project profile lacks the flag.
    let authorizePermission: @Sendable (Caller, Int64, String) throws -> Void
    /// Whether memory holds a pass for the project (flag empty) or the profile flag.
    var passedFromMemory: @Sendable (Caller, Int64, String) -> Bool = { _, _, _ in false }

    func admit(_ context: inout RequestContext, route: RouteInfo) throws {
        guard route.isProjectScoped, let caller = context.caller else { return }
        let projectID = try context.pathID("projectId")
        try authorizeProject(caller, projectID)
        if let flag = route.permission?.flag(for: context.request) { try authorizePermission(caller, projectID, flag) }
    }

    func admitFromMemory(_ context: inout RequestContext, route: RouteInfo) -> Bool {
        guard route.isProjectScoped, let caller = context.caller else { return true }
        guard let projectID = try? context.pathID("projectId"), passedFromMemory(caller, projectID, "") else { return false }
        guard let flag = route.permission?.flag(for: context.request), !caller.isSiteAdmin else { return true }
        return passedFromMemory(caller, projectID, flag)
    }
}
