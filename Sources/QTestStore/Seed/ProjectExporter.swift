import Foundation
import GRDB

/// One project of an export: its settings, members, fields and statuses, then its artifacts in
/// the order the loader needs them.
enum ProjectExporter {
    static func project(_ db: Database, _ project: ProjectRecord, values: StoredValues) throws -> SeedProject {
        var p = SeedProject(name: project.name)
        p.id = project.id; p.description = project.description
        p.startDate = SeedExporter.date(project.startDate); p.endDate = SeedExporter.date(project.endDate)
        p.statusId = project.statusId; p.sample = project.sample; p.automation = project.automation; p.uuid = project.uuid
        p.templateId = project.templateId
        p.members = SeedExporter.nonEmpty(try ProjectMemberRecord.fetchAll(db, sql: "SELECT * FROM project_members WHERE project_id = ? ORDER BY user_id",
                                                                           arguments: [project.id]).map {
            SeedMember(userId: $0.userId, profileId: $0.profileId)
        })
        p.fields = SeedExporter.nonEmpty(try FieldExporter.fields(db, projectId: project.id))
        p.executionStatuses = SeedExporter.nonEmpty(try IdentityExporter.statuses(db, projectId: project.id))
        let properties = try PropertyExporter(db, projectId: project.id, values: values)
        try DesignExporter.export(db, projectId: project.id, properties: properties, into: &p)
        try ExecutionExporter.export(db, projectId: project.id, properties: properties, into: &p)
        p.automationAgents = SeedExporter.nonEmpty(try AutomationAgentRecord.fetchAll(db, sql: "SELECT * FROM automation_agents WHERE project_id = ? ORDER BY id",
                                                                                      arguments: [project.id]).map { a in
            let configuration = try? JSONDecoder().decode([String: String].self, from: Data(a.configuration.utf8))
            return SeedAutomationAgent(id: a.id, name: a.name, hostId: a.hostId, hostName: a.hostName, framework: a.framework, active: a.active,
                                       configuration: configuration)
        })
        p.integrationConnections = SeedExporter.nonEmpty(try IntegrationExporter.connections(db, projectId: project.id))
        try SharedExporter.export(db, projectId: project.id, into: &p)
        return p
    }
}
