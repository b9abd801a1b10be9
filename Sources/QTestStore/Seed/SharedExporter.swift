import Foundation
import GRDB

/// Links between artifacts. Requirement ↔ test case and test run ↔ defect links are exported
/// on their requirement and defect (the original format's keys); every other link goes to the
/// project's `links`. A link reads the same from both ends, so each is exported once, in the
/// direction the loader makes it.
enum LinkExporter {
    /// Kinds whose links to each other have a key of their own.
    static let dedicated: [(ObjectKind, ObjectKind)] = [(.requirement, .testCase), (.defect, .testRun)]

    /// Ids of `other` objects linked to `kind`/`id`, in either direction, sorted.
    static func linked(_ db: Database, _ kind: ObjectKind, _ id: Int64, _ other: ObjectKind) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT target_id FROM object_links WHERE source_type = ? AND source_id = ? AND target_type = ?
            UNION SELECT source_id FROM object_links WHERE target_type = ? AND target_id = ? AND source_type = ?
            ORDER BY 1
            """, arguments: [kind.rawValue, id, other.rawValue, kind.rawValue, id, other.rawValue])
    }

    /// The project's other links, in a stable order.
    static func others(_ db: Database, projectId: Int64) throws -> [SeedLink] {
        try Row.fetchAll(db, sql: """
            SELECT source_type, source_id, target_type, target_id FROM object_links WHERE project_id = ?
            ORDER BY source_type, source_id, target_type, target_id
            """, arguments: [projectId]).compactMap { row in
            let link = SeedLink(sourceType: row[0], sourceId: row[1], targetType: row[2], targetId: row[3])
            let isDedicated = dedicated.contains { a, b in
                (link.sourceType == a.rawValue && link.targetType == b.rawValue) || (link.sourceType == b.rawValue && link.targetType == a.rawValue)
            }
            return isDedicated ? nil : link
        }
    }
}

/// Comments, attachments (with their bytes) and jobs of an exported project.
enum SharedExporter {
    static func export(_ db: Database, projectId: Int64, into p: inout SeedProject) throws {
        p.links = SeedExporter.nonEmpty(try LinkExporter.others(db, projectId: projectId))
        p.comments = SeedExporter.nonEmpty(try CommentRecord.fetchAll(db, sql: "SELECT * FROM comments WHERE project_id = ? ORDER BY id",
                                                                      arguments: [projectId]).map { c in
            SeedComment(id: c.id, objectType: c.objectType, objectId: c.objectId, content: c.content, userId: c.userId,
                        createdDate: SeedExporter.date(c.created), updatedDate: SeedExporter.date(c.updated))
        })
        p.attachments = SeedExporter.nonEmpty(try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachments WHERE project_id = ? ORDER BY id",
                                                                            arguments: [projectId]).map { a in
            SeedAttachment(id: a.id, objectType: a.objectType, objectId: a.objectId, name: a.name, contentType: a.contentType,
                           authorId: a.authorId, createdDate: SeedExporter.date(a.createdDate),
                           data: try Attachments.bytes(db, a.id).base64EncodedString())
        })
        p.jobs = SeedExporter.nonEmpty(try JobRecord.fetchAll(db, sql: "SELECT * FROM jobs WHERE project_id = ? ORDER BY id",
                                                              arguments: [projectId]).map { j in
            // A finished job is only looked at for its outcome; its request (a whole upload,
            // already applied to the state) would double the document for nothing.
            SeedJob(id: j.id, type: j.type, state: j.state.rawValue, userId: j.userId, request: j.state.isFinished ? nil : j.requestJson,
                    content: j.content, contentType: j.contentType, createdDate: SeedExporter.date(j.createdDate),
                    updatedDate: SeedExporter.date(j.updatedDate))
        })
    }
}

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
        try SharedExporter.export(db, projectId: project.id, into: &p)
        return p
    }
}
