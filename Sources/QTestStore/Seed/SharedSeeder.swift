import Foundation
import GRDB

/// Loads the sections an export adds to a project (see ``SeedLink``, ``SeedComment``,
/// ``SeedAttachment``, ``SeedJob``), after every artifact they may point at.
enum SharedSeeder {
    static func load(_ p: SeedProject, projectId: Int64, path: String, into db: Database, at now: Date) throws {
        for (i, l) in (p.links ?? []).enumerated() {
            let linkPath = "\(path).links[\(i)]"
            try DesignSeeder.at(linkPath) {
                let source = try linkable(l.sourceType, "\(linkPath).source_type")
                let target = try linkable(l.targetType, "\(linkPath).target_type")
                try ObjectLinks.link(db, projectId: projectId, source, l.sourceId, to: target, [l.targetId], at: now)
            }
        }
        for (i, c) in (p.comments ?? []).enumerated() {
            let commentPath = "\(path).comments[\(i)]"
            try DesignSeeder.at(commentPath) {
                let kind = try owner(db, projectId: projectId, c.objectType, c.objectId, commentPath)
                guard !c.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw StoreError.badRequest("\(commentPath).content: Comment content is required")
                }
                if let id = c.id, try CommentRecord.exists(db, key: id) { throw StoreError.badRequest("\(commentPath).id: comment \(id) already exists") }
                try user(db, c.userId, "\(commentPath).user_id")
                let created = try c.createdDate.map { try ExecutionSeeder.date($0, "\(commentPath).created_date") } ?? now
                let updated = try c.updatedDate.map { try ExecutionSeeder.date($0, "\(commentPath).updated_date") } ?? created
                try CommentRecord(id: try IDs.use(db, .comment, c.id), projectId: projectId, objectType: kind.rawValue, objectId: c.objectId,
                                  content: c.content, userId: c.userId, created: created, updated: updated).insert(db)
            }
        }
        for (i, a) in (p.attachments ?? []).enumerated() {
            let attachmentPath = "\(path).attachments[\(i)]"
            try DesignSeeder.at(attachmentPath) {
                let kind = try owner(db, projectId: projectId, a.objectType, a.objectId, attachmentPath)
                guard let data = Data(base64Encoded: a.data) else { throw StoreError.badRequest("\(attachmentPath).data: expected base64 text") }
                if let id = a.id, try AttachmentRecord.exists(db, key: id) {
                    throw StoreError.badRequest("\(attachmentPath).id: attachment \(id) already exists")
                }
                try user(db, a.authorId, "\(attachmentPath).author_id")
                let created = try a.createdDate.map { try ExecutionSeeder.date($0, "\(attachmentPath).created_date") } ?? now
                let name = a.name.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty, name.count <= Attachments.maxNameLength,
                      !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw StoreError.badRequest("\(attachmentPath).name: 1 to \(Attachments.maxNameLength) characters, without control characters")
                }
                let record = AttachmentRecord(id: try IDs.use(db, .attachment, a.id), projectId: projectId, objectType: kind.rawValue,
                                              objectId: a.objectId, name: name, contentType: a.contentType ?? "application/octet-stream",
                                              size: data.count, authorId: a.authorId, createdDate: created)
                try record.insert(db)
                try AttachmentBlobs.write(db, record.id, data)
            }
        }
        for (i, j) in (p.jobs ?? []).enumerated() {
            let jobPath = "\(path).jobs[\(i)]"
            try DesignSeeder.at(jobPath) {
                guard var state = JobState(rawValue: j.state) else {
                    let names = JobState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw StoreError.badRequest("\(jobPath).state: expected one of \(names), found \"\(j.state)\"")
                }
                // A job caught while running was never applied (its effects commit with its
                // outcome): it runs again from the start.
                if state == .processing { state = .waiting }
                if let id = j.id, try JobRecord.exists(db, key: id) { throw StoreError.badRequest("\(jobPath).id: job \(id) already exists") }
                try user(db, j.userId, "\(jobPath).user_id")
                let created = try j.createdDate.map { try ExecutionSeeder.date($0, "\(jobPath).created_date") } ?? now
                let updated = try j.updatedDate.map { try ExecutionSeeder.date($0, "\(jobPath).updated_date") } ?? created
                try JobRecord(id: try IDs.use(db, .job, j.id), projectId: projectId, userId: j.userId, type: j.type, state: state,
                              requestJson: j.request ?? "{}", content: j.content, contentType: j.contentType, createdDate: created,
                              updatedDate: updated).insert(db)
            }
        }
    }

    static func linkable(_ name: String, _ path: String) throws -> ObjectKind {
        guard let kind = ObjectLinks.kind(name) else {
            let names = ObjectLinks.linkableKinds.map(\.rawValue).joined(separator: ", ")
            throw StoreError.badRequest("\(path): expected one of \(names), found \"\(name)\"")
        }
        return kind
    }

    /// The kind of the object a comment or attachment belongs to, which must exist in the
    /// project (checked for the kinds links know; step logs are checked through their log).
    static func owner(_ db: Database, projectId: Int64, _ type: String, _ id: Int64, _ path: String) throws -> ObjectKind {
        guard let kind = ObjectKind(pathSegment: type) else { throw StoreError.badRequest("\(path).object_type: unknown object type \"\(type)\"") }
        let exists: Bool
        switch kind {
        case .testStepLog:
            exists = try Int64.fetchOne(db, sql: """
                SELECT s.id FROM test_step_logs s JOIN test_logs l ON l.id = s.test_log_id WHERE s.id = ? AND l.project_id = ?
                """, arguments: [id, projectId]) != nil
        case .module, .testCycle, .testSuite:
            let table = kind == .module ? "modules" : kind == .testCycle ? "test_cycles" : "test_suites"
            exists = try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE id = ? AND project_id = ?", arguments: [id, projectId]) != nil
        default:
            guard ObjectLinks.linkableKinds.contains(kind) else {
                throw StoreError.badRequest("\(path).object_type: \(type) objects have no comments or attachments")
            }
            exists = try ObjectLinks.find(db, projectId: projectId, kind, id) != nil
        }
        guard exists else { throw StoreError.badRequest("\(path).object_id: \(type) \(id) does not exist in project \(projectId)") }
        return kind
    }

    static func user(_ db: Database, _ id: Int64?, _ path: String) throws {
        guard let id else { return }
        guard try Users.find(db, id) != nil else { throw StoreError.badRequest("\(path): User \(id) does not exist") }
    }
}
