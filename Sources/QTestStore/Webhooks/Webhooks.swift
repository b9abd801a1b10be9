import Foundation
import GRDB

/// A registered webhook (`WebhookVM` on the wire, with its projects).
public struct WebhookRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var name: String
    public var url: String
    /// The HMAC key of the `x-qTest-signature` header; nil or empty: unsigned.
    public var secretKey: String?
    /// `text` or `json`: the `Content-Type` deliveries are sent with.
    public var responseType: String
    /// The event names as registered (a JSON array; `defect_submited` stays as sent).
    public var events: String
    public var ownerId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
    /// Every project, present and future (registered with no project or with project 0).
    public var allProjects: Bool

    /// The registered event names.
    public var eventNames: [String] { (try? JSONDecoder().decode([String].self, from: Data(events.utf8))) ?? [] }
}

/// A webhook with the projects it listens to.
public struct Webhook: Sendable, Equatable {
    public var record: WebhookRecord
    /// The projects named at registration (0 aside), sorted.
    public var projectIds: [Int64]
}

/// Input for ``Webhooks/create(_:_:by:at:)``.
public struct WebhookDraft: Sendable, Equatable {
    /// An explicit id (seeds and imports); nil allocates one.
    public var id: Int64?
    public var name: String
    public var url: String
    public var events: [String]
    public var secretKey: String?
    public var responseType: String
    /// Projects to listen to; empty, or holding 0, means every project.
    public var projectIds: [Int64]

    /// Creates a draft (`responseType` defaults to qTest's `text`).
    public init(id: Int64? = nil, name: String, url: String, events: [String], secretKey: String? = nil,
                responseType: String = "text", projectIds: [Int64] = []) {
        self.id = id; self.name = name; self.url = url; self.events = events; self.secretKey = secretKey
        self.responseType = responseType; self.projectIds = projectIds
    }
}

/// Changes for ``Webhooks/update(_:_:_:at:)``; nil fields are left unchanged.
public struct WebhookPatch: Sendable, Equatable {
    public var name: String?
    public var url: String?
    public var events: [String]?
    public var secretKey: String?
    public var responseType: String?
    public var projectIds: [Int64]?

    /// Creates a patch.
    public init(name: String? = nil, url: String? = nil, events: [String]? = nil, secretKey: String? = nil,
                responseType: String? = nil, projectIds: [Int64]? = nil) {
        self.name = name; self.url = url; self.events = events; self.secretKey = secretKey
        self.responseType = responseType; self.projectIds = projectIds
    }
}

/// Store operations on webhooks. Each change rewrites the webhook's subscriptions (event ×
/// project) and the delivery triggers they need (``WebhookTriggers``), in the same transaction.
///
/// ```swift
/// let hook = try Webhooks.create(db, WebhookDraft(name: "ci", url: "http://127.0.0.1:9000/hook",
///                                                 events: ["testlog_submitted"], projectIds: [108781]), by: 10001, at: now)
/// try Webhooks.delete(db, hook.record.id)   // its pending deliveries are cancelled
/// ```
public enum Webhooks {
    /// The admin-profile flag of qTest's "Manage Webhooks" permission (site admins have it).
    public static let managePermission = "manage_webhooks"

    /// Whether `userId` may register, change and delete webhooks.
    public static func mayManage(_ db: Database, userId: Int64) throws -> Bool {
        if try Users.isSiteAdmin(db, userId) { return true }
        return try Profiles.adminProfile(db, ofUser: userId)?.allows(managePermission) ?? false
    }

    /// Every webhook, by id.
    public static func list(_ db: Database) throws -> [Webhook] {
        try WebhookRecord.fetchAll(db, sql: "SELECT * FROM webhooks ORDER BY id").map { try webhook(db, $0) }
    }

    /// The webhook with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> Webhook? {
        try WebhookRecord.fetchOne(db, key: id).map { try webhook(db, $0) }
    }

    /// The webhook with `id`; `notFound` when there is none.
    public static func get(_ db: Database, _ id: Int64) throws -> Webhook {
        guard let hook = try find(db, id) else { throw StoreError.notFound("Webhook \(id) does not exist") }
        return hook
    }

    /// Registers a webhook. A URL that is not absolute `http`/`https`, no or an unknown event, a
    /// `responseType` other than `text`/`json` or a project that does not exist is a 400.
    @discardableResult
    public static func create(_ db: Database, _ draft: WebhookDraft, by ownerId: Int64?, at now: Date) throws -> Webhook {
        let checked = try check(db, name: draft.name, url: draft.url, events: draft.events, responseType: draft.responseType,
                                projectIds: draft.projectIds)
        if let id = draft.id, try WebhookRecord.exists(db, key: id) { throw StoreError.conflict("Webhook id \(id) already exists") }
        let record = WebhookRecord(id: try IDs.use(db, .webhook, draft.id), name: draft.name, url: checked.url,
                                   secretKey: draft.secretKey, responseType: checked.responseType, events: try encode(draft.events),
                                   ownerId: ownerId, createdDate: now, lastModifiedDate: now, allProjects: checked.allProjects)
        try record.insert(db)
        try subscribe(db, record, projects: checked.projects)
        return try webhook(db, record)
    }

    /// Changes a webhook: the fields `patch` sets, checked as on creation.
    @discardableResult
    public static func update(_ db: Database, _ id: Int64, _ patch: WebhookPatch, at now: Date) throws -> Webhook {
        let current = try get(db, id)
        var record = current.record
        let projects = patch.projectIds ?? (record.allProjects ? [0] + current.projectIds : current.projectIds)
        let checked = try check(db, name: patch.name ?? record.name, url: patch.url ?? record.url, events: patch.events ?? record.eventNames,
                                responseType: patch.responseType ?? record.responseType, projectIds: projects)
        if let name = patch.name { record.name = name }
        record.url = checked.url
        if let events = patch.events { record.events = try encode(events) }
        if let secret = patch.secretKey { record.secretKey = secret }
        record.responseType = checked.responseType
        record.allProjects = checked.allProjects
        try record.update(db, modifiedAt: now)
        try subscribe(db, record, projects: checked.projects)
        return try webhook(db, record)
    }

    /// Deletes a webhook. Its deliveries not yet made are cancelled; the record of the others stays.
    public static func delete(_ db: Database, _ id: Int64) throws {
        _ = try get(db, id)
        try db.execute(sql: "UPDATE webhook_deliveries SET state = 'cancelled' WHERE webhook_id = ? AND state = 'pending'", arguments: [id])
        try db.execute(sql: "DELETE FROM webhooks WHERE id = ?", arguments: [id])
        try WebhookTriggers.sync(db)
    }

    // MARK: Rules

    /// The longest URL a webhook may have.
    public static let maxURLLength = 2048

    struct Checked {
        var url: String
        var responseType: String
        var allProjects: Bool
        var projects: [Int64]
    }

    static func check(_ db: Database, name: String, url: String, events: [String], responseType: String, projectIds: [Int64]) throws -> Checked {
        guard name.count <= 500 else { throw StoreError.badRequest("Webhook name is longer than 500 characters") }
        let url = url.trimmingCharacters(in: .whitespaces)
        guard url.utf8.count <= maxURLLength, !url.contains(where: { $0.isWhitespace || $0.isNewline }),
              let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty else {
            throw StoreError.badRequest("Webhook url must be an absolute http or https URL")
        }
        guard !events.isEmpty else { throw StoreError.badRequest("Webhook events must name at least one event") }
        for event in events where WebhookEvents.canonical(event) == nil {
            throw StoreError.badRequest("Unknown webhook event '\(event)'")
        }
        let type = responseType.lowercased()
        guard ["text", "json"].contains(type) else { throw StoreError.badRequest("Webhook responseType must be \"text\" or \"json\"") }
        let listed = Set(projectIds.filter { $0 != 0 }).sorted()
        for project in listed where try Projects.find(db, project) == nil {
            throw StoreError.badRequest("Project \(project) does not exist")
        }
        return Checked(url: url, responseType: type, allProjects: projectIds.isEmpty || projectIds.contains(0), projects: listed)
    }

    // MARK: Subscriptions

    /// Rewrites the webhook's projects and its (event, project) subscriptions, then the triggers.
    private static func subscribe(_ db: Database, _ record: WebhookRecord, projects: [Int64]) throws {
        try db.execute(sql: "DELETE FROM webhook_projects WHERE webhook_id = ?", arguments: [record.id])
        try db.execute(sql: "DELETE FROM webhook_subscriptions WHERE webhook_id = ?", arguments: [record.id])
        for project in projects {
            try db.execute(sql: "INSERT INTO webhook_projects (webhook_id, project_id) VALUES (?, ?)", arguments: [record.id, project])
        }
        let events = Set(record.eventNames.compactMap(WebhookEvents.canonical)).sorted()
        let targets: [Int64?] = record.allProjects ? [nil] : projects.map { $0 }
        for event in events {
            for project in targets {
                try db.execute(sql: "INSERT INTO webhook_subscriptions (event, project_id, webhook_id) VALUES (?, ?, ?)",
                               arguments: [event, project, record.id])
            }
        }
        try WebhookTriggers.sync(db)
    }

    private static func webhook(_ db: Database, _ record: WebhookRecord) throws -> Webhook {
        let projects = try Int64.fetchAll(db, sql: "SELECT project_id FROM webhook_projects WHERE webhook_id = ? ORDER BY project_id",
                                          arguments: [record.id])
        return Webhook(record: record, projectIds: projects)
    }

    private static func encode(_ events: [String]) throws -> String {
        try StoredJSON.text(events)
    }
}
