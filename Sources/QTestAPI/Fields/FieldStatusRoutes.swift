import Foundation
import HTTPServer
import QTestStore

/// CommonApi: switch custom fields on and off in bulk, and edit what a system field allows
/// (label, required, activity, allowed values' labels and order).
enum FieldStatusRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/settings/{objectType}/custom-fields/active") { context in
            let kind = try FieldRoutes.kind(context)
            let changes = try FieldRequestParsing.activity(try context.jsonBody())
            let scope = FieldScope.project(context.projectID)
            return try context.write(answering: 200) { db in
                .array(try FieldSettings.setActive(db, scope, kind, changes).map { try FieldWire.encode($0, scope, db, context) })
            }
        }

        table.project("POST", "/api/v3/projects/{projectId}/settings/{objectType}/system-fields/{fieldId}") { context in
            let kind = try FieldRoutes.kind(context)
            let id = try context.pathID("fieldId")
            let input = try FieldRequestParsing.field(try context.jsonBody())
            let scope = FieldScope.project(context.projectID)
            return try context.write(answering: 200) { db in
                try FieldWire.encode(try FieldSettings.editSystem(db, scope, kind, id, input), scope, db, context)
            }
        }
    }
}
