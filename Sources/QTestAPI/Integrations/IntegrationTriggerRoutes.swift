import Foundation
import HTTPServer
import QTestStore

/// IntegrationSettingsApi, what would reach out to Jira. There is no Jira behind the emulator,
/// so these change no qTest data; they are accepted, checked as qTest would check them, and
/// recorded: every request is in the control plane's journal (`GET /__emulator/journal`), and
/// the retrievals are jobs on the queue, as in qTest, that `queue-processing` reports.
///
/// - `POST …/connections/{connectionId}/refreshFieldSettings?artifact=Defects|Requirements&mappingId=`:
///   the Jira fields of the connection's defect mappings, or of one requirement mapping
///   (`mappingId` required then), as ``IntegrationFieldSettings`` reports them.
/// - `GET …/connections/{connectionId}/retrieve?artifact=Defects|Requirements|Releases`: queues a
///   retrieval (`FETCH_LINKED_DEFECTS`, `FETCH_REQUIREMENTS`, `FETCH_RELEASES`) and answers the
///   job. The connection must be active and the kind's integration on (400 otherwise). A GET
///   that starts work: it needs `project.admin` like the writes (``ProjectPermission``).
/// - `POST /api/v3/projects/{projectId}/settings/jira-integration/defect/retrieve` with the Jira
///   keys of linked defects: queues `FETCH_LINKED_DEFECTS` over the project's active connections
///   (400 when it has none).
///
/// A retrieval job succeeds with `{"connectionIds": […], "artifact": …, "totalRetrieved": 0}`
/// (the defect retrieval adds the keys it was given), or fails when its connection was deleted
/// before it ran.
enum IntegrationTriggerRoutes: RouteGroup {
    /// The job type of a retrieval (the spec's example names `FETCH_LINKED_DEFECTS`).
    static func jobType(_ artifact: IntegrationArtifact) -> String {
        switch artifact {
        case .defect: "FETCH_LINKED_DEFECTS"
        case .requirement: "FETCH_REQUIREMENTS"
        case .release: "FETCH_RELEASES"
        }
    }

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let connection = IntegrationConnectionRoutes.base + "/{connectionId}"
        table.project("POST", connection + "/refreshFieldSettings") { context in
            let id = try context.pathID("connectionId")
            let artifact = try IntegrationRequestParsing.artifact(context.queryString("artifact"), "artifact", allowed: [.defect, .requirement])
            let mappingID = try context.queryInt("mappingId")
            return try context.read(answering: 200) { db in
                let fields: [IntegrationField]
                switch (artifact, mappingID) {
                case (.requirement, nil):
                    throw APIError.badRequest("Query parameter 'mappingId' is required when artifact=Requirements")
                case let (_, mapping?):
                    let found = try IntegrationMappings.get(db, projectId: context.projectID, connectionId: id, artifact, id: mapping)
                    fields = artifact == .requirement ? IntegrationFieldSettings.requirementFields(found) : IntegrationFieldSettings.defectFields([found])
                case (_, nil):
                    fields = IntegrationFieldSettings.defectFields(try IntegrationMappings.list(db, projectId: context.projectID, connectionId: id, .defect))
                }
                return .array(fields.map(IntegrationWire.field))
            }
        }
        table.project("GET", connection + "/retrieve") { context in
            let id = try context.pathID("connectionId")
            let artifact = try IntegrationRequestParsing.artifact(context.queryString("artifact"), "artifact")
            return try queue(context, app, artifact) { db in
                _ = try IntegrationConnections.retrievable(db, projectId: context.projectID, id, artifact)
                return ["connectionIds": [.int(id)], "artifact": .string(artifact.pluralName)]
            }
        }
        table.project("POST", "/api/v3/projects/{projectId}/settings/jira-integration/defect/retrieve") { context in
            let keys = try IntegrationRequestParsing.defectKeys(try context.jsonBody())
            return try queue(context, app, .defect) { db in
                let active = try IntegrationConnections.list(db, projectId: context.projectID).filter(\.active)
                guard !active.isEmpty else { throw APIError.badRequest("The project has no active Jira connection to retrieve defects from") }
                return ["connectionIds": .array(active.map { .int($0.id) }), "artifact": .string(IntegrationArtifact.defect.pluralName),
                        "defects": .array(keys.map(JSON.string))]
            }
        }
    }

    /// Queues the retrieval of `artifact` whose request `checked` builds after its checks, in one
    /// write, and answers the job (`QueueProcessingResponse`).
    private static func queue(_ context: ProjectRequest, _ app: EmulatorContext, _ artifact: IntegrationArtifact,
                              _ checked: (StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        let job = try context.write { db in
            try app.enqueueJob(db, projectID: context.projectID, caller: context.caller, type: jobType(artifact), request: try checked(db))
        }
        app.jobQueued(job)
        return .json(200, QueueProcessingRoutes.encode(job))
    }

    /// The job: nothing to fetch without a Jira, but its connections must still exist.
    static func process(_ db: StoreDatabase, _ job: JobRecord, _ app: EmulatorContext) throws -> JSON {
        let request = try JSON.parse(Data(job.requestJson.utf8))
        let ids = (request["connectionIds"]?.arrayValue ?? []).compactMap(\.int64Value)
        for id in ids where try IntegrationConnectionRecord.find(db, projectId: job.projectId, id) == nil {
            throw APIError.notFound("Jira connection \(id) was deleted before the retrieval ran")
        }
        return request.setting("totalRetrieved", .int(0))
    }
}
