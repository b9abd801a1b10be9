import Foundation
import HTTPServer
import QTestStore

/// TestRunApi comments (`…/test-runs/{idOrKey}/comments[/{commentId}]`): the shared artifact
/// comment routes, with runs resolved by id or PID (`TR-3`).
enum TestRunCommentRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        ArtifactCommentRoutes.register(in: &table, app: app, segment: "test-runs", kind: .testRun) { db, projectID, key in
            try TestRuns.get(db, projectId: projectID, idOrKey: key).id
        }
    }
}
