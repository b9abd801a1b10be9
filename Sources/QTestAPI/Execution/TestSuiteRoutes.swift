import Foundation
import HTTPServer
import QTestStore

/// TestSuiteApi: list, create, get, update (and move), delete test suites.
enum TestSuiteRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", "/api/v3/projects/{projectId}/test-suites") { context in
            let parent = try ExecutionWire.parent(context)
            return try context.read(answering: 200) { db in
                return .array(try TestSuites.list(db, projectId: context.projectID, under: parent).map { try encode($0, db, context) })
            }
        }

        table.project("POST", "/api/v3/projects/{projectId}/test-suites") { context in
            try context.creatingContainer(draft: { try draft($0, requireName: true) }) { db, parent, draft in
                let suite = try TestSuites.create(db, projectId: context.projectID, under: parent, draft, by: context.caller.userID, at: context.now)
                try ObjectProperties.requireValues(db, projectId: suite.projectId, fieldKind: .testSuite, valueKind: .testSuite, objectId: suite.id,
                                                   heldElsewhere: suite.targetReleaseId != nil ? try TestSuites.targetFieldIDs(db, projectId: suite.projectId) : [])
                return try encode(suite, db, context)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/test-suites/{testSuiteId}") { context in
            try context.getting(TestSuiteRecord.self, "testSuiteId") { try encode($0, $1, context) }
        }

        table.project("PUT", "/api/v3/projects/{projectId}/test-suites/{testSuiteId}") { context in
            try context.updatingMovable("testSuiteId", unchanged: ContainerDraft(), draft: { try draft($0, requireName: false) }) { db, id, draft, moveTo in
                try encode(try TestSuites.update(db, projectId: context.projectID, id, draft, moveTo: moveTo, at: context.now), db, context)
            }
        }

        table.project("DELETE", "/api/v3/projects/{projectId}/test-suites/{testSuiteId}") { context in
            try context.deleting("testSuiteId", "Test Suite") { try TestSuites.delete($0, projectId: context.projectID, $1) }
        }
    }

    static func draft(_ body: JSON, requireName: Bool) throws -> ContainerDraft {
        ContainerDraft(
            name: requireName || body["name"] != nil ? try body.requiredName() : nil,
            targetReleaseId: try body.optionalInt("target_release_id"),
            targetBuildId: try body.optionalInt("target_build_id"),
            properties: try ExecutionWire.propertyInputs(body))
    }

    /// `TestSuiteWithCustomFieldResource`.
    static func encode(_ s: TestSuiteRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let parent = s.parent
        let base = context.baseURL + "/api/v3/projects/\(s.projectId)"
        var links: [JSON] = [Wire.link("self", base + "/test-suites/\(s.id)")]
        if parent.type == .testCycle { links.append(Wire.link("parent-test-cycle", base + "/test-cycles/\(parent.id)")) }
        links.append(Wire.link("test-runs", base + "/test-runs?parentId=\(s.id)&parentType=test-suite&includeToscaProperties=false"))
        return [
            "parentId": .int(parent.id),
            "parentType": .string(parent.type.rawValue),
            "links": .array(links),
            "id": .int(s.id),
            "name": .string(s.name),
            "order": .number(s.sortOrder),
            "pid": .string(s.pid),
            "created_date": Wire.date(s.createdDate),
            "last_modified_date": Wire.date(s.lastModifiedDate),
            "properties": ExecutionWire.properties(try TestSuites.properties(db, s)),
            "web_url": ExecutionWire.webURL(context, projectID: s.projectId, tab: "testexecution", object: 2, id: s.id),
            "target_release_id": .optional(s.targetReleaseId),
            "target_build_id": .optional(s.targetBuildId),
        ]
    }
}
