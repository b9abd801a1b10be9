import Foundation
import GRDB

/// A site template (`SiteTemplateResponse`: `template_id`, `name`).
public struct SiteTemplateRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var name: String
    public var description: String?
    /// Creates a value.
    public init(id: Int64 = 0, name: String, description: String? = nil) {
        self.id = id; self.name = name; self.description = description
    }
}

/// Store operations on site templates and their projects.
///
/// ```swift
/// try SiteTemplates.apply(db, templateId: t.id, to: [108781])
/// ```
public enum SiteTemplates {
    /// Inserts a template (id allocated when 0).
    @discardableResult
    public static func create(_ db: Database, _ template: SiteTemplateRecord) throws -> SiteTemplateRecord {
        try template.insertAllocating(db, .siteTemplate, "Site template")
    }

    /// All templates, ordered by id.
    public static func list(_ db: Database) throws -> [SiteTemplateRecord] {
        try SiteTemplateRecord.allByID(db)
    }

    /// The template with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> SiteTemplateRecord? { try SiteTemplateRecord.fetchOne(db, key: id) }

    /// Applies the template to projects (sets `projects.template_id`). Throws `notFound`
    /// for an unknown template or project; all or nothing.
    public static func apply(_ db: Database, templateId: Int64, to projectIds: [Int64]) throws {
        guard try find(db, templateId) != nil else { throw StoreError.notFound("Site template does not exist") }
        for p in projectIds {
            _ = try Projects.get(db, p)
            try db.execute(sql: "DELETE FROM site_template_projects WHERE project_id = ?", arguments: [p])
            try db.execute(sql: "INSERT INTO site_template_projects (template_id, project_id) VALUES (?, ?)", arguments: [templateId, p])
            try db.execute(sql: "UPDATE projects SET template_id = ? WHERE id = ?", arguments: [templateId, p])
        }
    }

    /// Removes the template from projects.
    public static func remove(_ db: Database, templateId: Int64, from projectIds: [Int64]) throws {
        guard try find(db, templateId) != nil else { throw StoreError.notFound("Site template does not exist") }
        for p in projectIds {
            _ = try Projects.get(db, p)
            try db.execute(sql: "DELETE FROM site_template_projects WHERE template_id = ? AND project_id = ?", arguments: [templateId, p])
            try db.execute(sql: "UPDATE projects SET template_id = NULL WHERE id = ? AND template_id = ?", arguments: [p, templateId])
        }
    }

    /// Ids of projects using the template.
    public static func projectIds(_ db: Database, templateId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT project_id FROM site_template_projects WHERE template_id = ? ORDER BY project_id", arguments: [templateId])
    }
}
