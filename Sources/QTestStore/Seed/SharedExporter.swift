import Foundation
import GRDB

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
