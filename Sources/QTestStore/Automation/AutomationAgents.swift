import Foundation
import GRDB

/// An automation agent registered in a project (the host-side runner that executes scheduled
/// test runs).
public struct AutomationAgentRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var name: String
    public var hostId: Int64
    public var hostName: String
    /// e.g. `JUnit for Java`, `Shell Agent`, `Tosca`.
    public var framework: String
    public var active: Bool
    /// Framework settings as JSON text.
    public var configuration: String

    /// Creates a value (id allocated on insert when 0).
    public init(id: Int64 = 0, projectId: Int64, name: String, hostId: Int64, hostName: String, framework: String,
                active: Bool = true, configuration: String = "{}") {
        self.id = id; self.projectId = projectId; self.name = name; self.hostId = hostId; self.hostName = hostName
        self.framework = framework; self.active = active; self.configuration = configuration
    }
}

/// A schedule asking an agent to execute test runs.
public struct AutomationScheduleRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var agentId: Int64
    public var name: String
    public var creatorId: Int64?
    public var startDate: Date
    /// JSON array of test run ids.
    public var testRunIds: String
    /// JSON object of extra values.
    public var dynamic: String
    public var createdDate: Date
}

/// Store operations on automation agents and schedules.
///
/// ```swift
/// let agent = try AutomationAgents.create(db, AutomationAgentRecord(projectId: 108781, name: "CI agent", hostId: 1,
///                                                                  hostName: "ci-1", framework: "JUnit for Java"))
/// let schedule = try AutomationAgents.schedule(db, projectId: 108781, agentId: agent.id, name: "Nightly",
///                                              testRunIds: [runId], dynamic: [:], startDate: now, by: userId, at: now)
/// ```
public enum AutomationAgents {
    /// Inserts an agent (id allocated when 0).
    @discardableResult
    public static func create(_ db: Database, _ agent: AutomationAgentRecord) throws -> AutomationAgentRecord {
        var a = agent
        a.id = try IDs.use(db, .automationAgent, agent.id == 0 ? nil : agent.id)
        guard try Projects.find(db, a.projectId) != nil else { throw StoreError.notFound("Project does not exist") }
        try a.insert(db)
        return a
    }

    /// Removes an agent and its schedules; false when it did not exist.
    @discardableResult
    public static func delete(_ db: Database, _ id: Int64) throws -> Bool {
        try AutomationAgentRecord.deleteOne(db, key: id)
    }

    /// The agents of `projectIds`, ordered by id.
    public static func list(_ db: Database, projectIds: [Int64]) throws -> [AutomationAgentRecord] {
        guard !projectIds.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: projectIds.count).joined(separator: ",")
        return try AutomationAgentRecord.fetchAll(db, sql: "SELECT * FROM automation_agents WHERE project_id IN (\(marks)) ORDER BY id",
                                                  arguments: StatementArguments(projectIds))
    }

    /// Creates a schedule for an active agent of the project; every run must be in the project.
    public static func schedule(_ db: Database, projectId: Int64, agentId: Int64, name: String?, testRunIds: [Int64],
                                dynamic: [String: String], startDate: Date?, by creatorId: Int64?, at now: Date) throws -> AutomationScheduleRecord {
        guard let agent = try AutomationAgentRecord.fetchOne(db, key: agentId), agent.projectId == projectId else {
            throw StoreError.notFound("Automation agent \(agentId) does not exist in project \(projectId)")
        }
        guard agent.active else { throw StoreError.badRequest("Automation agent \(agentId) is inactive") }
        for runId in testRunIds {
            guard try Int64.fetchOne(db, sql: "SELECT id FROM test_runs WHERE id = ? AND project_id = ?", arguments: [runId, projectId]) != nil else {
                throw StoreError.notFound("Test run \(runId) does not exist in project \(projectId)")
            }
        }
        let runs = try StoredJSON.text(testRunIds)
        let extra = try StoredJSON.text(dynamic)
        let record = AutomationScheduleRecord(
            id: try IDs.next(db, .automationSchedule), projectId: projectId, agentId: agentId,
            name: name.flatMap { $0.isEmpty ? nil : $0 } ?? "Schedule for \(agent.name)", creatorId: creatorId,
            startDate: startDate ?? now, testRunIds: runs, dynamic: extra, createdDate: now)
        try record.insert(db)
        return record
    }

    /// The schedule with `id`, or nil.
    public static func findSchedule(_ db: Database, _ id: Int64) throws -> AutomationScheduleRecord? {
        try AutomationScheduleRecord.fetchOne(db, key: id)
    }
}
