import Foundation
import GRDB

/// A CI job's setting (the Jenkins plugin's `Setting`): which CI server and job it belongs to,
/// where that job's results go, and what new test suites and cases get.
///
/// A setting points either at a release ("submit to a release as setting from qTest", the
/// plugin's legacy upload) or at a container (a release, test cycle or test suite the plugin
/// uploads into itself); ``CIUploadTarget`` works out the suite an upload lands in.
public struct CISettingRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    /// `jenkins` for the plugin; kept as sent.
    public var ciType: String
    /// The CI server's URL as the plugin saw it (a freestyle job sends it without a trailing
    /// slash, a pipeline with one: they are different settings).
    public var ciServer: String
    /// The job name (a pipeline's workspace folder name).
    public var ciProject: String
    /// The CI server's identity (`MAC:port`), empty when unknown.
    public var ciid: String
    public var releaseId: Int64?
    /// `release`, `test-cycle` or `test-suite`, with ``containerId``; nil in release mode.
    public var containerType: String?
    public var containerId: Int64?
    /// Container mode: a new suite each day, named after the job and the date.
    public var createNewTestSuite: Bool
    /// The suite the last upload used (0 before the first): reused while it still exists.
    public var testSuiteId: Int64
    /// The module new test cases go under; the store creates one named after the job.
    public var moduleId: Int64?
    /// The Environment value new suites get (an allowed-value id, 0 = none).
    public var environmentId: Int64
    public var overwriteExistingTestSteps: Bool
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// The container of container mode, nil in release mode.
    public var container: CIContainer? {
        guard let containerType, let containerId, let type = ExecutionParentType(wire: containerType) else { return nil }
        return CIContainer(type: type, id: containerId, createNewTestSuite: createNewTestSuite)
    }
}

/// Where container mode sends results: a release, a test cycle or one test suite.
public struct CIContainer: Sendable, Equatable {
    public var type: ExecutionParentType
    public var id: Int64
    /// Only for a release or cycle: a new suite per day instead of one suite per job.
    public var createNewTestSuite: Bool

    /// Creates a container.
    public init(type: ExecutionParentType, id: Int64, createNewTestSuite: Bool = false) {
        self.type = type; self.id = id; self.createNewTestSuite = createNewTestSuite
    }
}

/// Input for ``CISettings/save(_:projectId:_:by:at:)`` and ``CISettings/update(_:projectId:_:_:by:at:)``:
/// the setting as the plugin sends it, every member but the CI identity optional.
public struct CISettingDraft: Sendable, Equatable {
    public var ciType: String
    public var ciServer: String
    public var ciProject: String
    public var ciid: String
    /// nil or 0: none.
    public var releaseId: Int64?
    public var container: CIContainer?
    /// nil or 0: none.
    public var testSuiteId: Int64?
    /// nil or 0 (or a module that is gone): keep the setting's module, or create one.
    public var moduleId: Int64?
    /// nil or 0: none.
    public var environmentId: Int64?
    public var overwriteExistingTestSteps: Bool

    /// Creates a draft.
    public init(ciType: String = "jenkins", ciServer: String, ciProject: String, ciid: String = "", releaseId: Int64? = nil,
                container: CIContainer? = nil, testSuiteId: Int64? = nil, moduleId: Int64? = nil, environmentId: Int64? = nil,
                overwriteExistingTestSteps: Bool = false) {
        self.ciType = ciType; self.ciServer = ciServer; self.ciProject = ciProject; self.ciid = ciid; self.releaseId = releaseId
        self.container = container; self.testSuiteId = testSuiteId; self.moduleId = moduleId; self.environmentId = environmentId
        self.overwriteExistingTestSteps = overwriteExistingTestSteps
    }
}
