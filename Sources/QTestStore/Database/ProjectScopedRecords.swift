import Foundation

// The records found by id only inside their project (see ``ProjectScopedRecord``), with the
// 404 message qTest gives for each kind.

extension ReleaseRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.release; public static func missing(_ reference: String) -> String { "Release does not exist" } }
extension BuildRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.build; public static func missing(_ reference: String) -> String { "Build does not exist" } }
extension TestCycleRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.testCycle; public static func missing(_ reference: String) -> String { ExecutionTree.cycleMissing } }
extension TestSuiteRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.testSuite; public static func missing(_ reference: String) -> String { "Test Suite does not exist" } }
extension TestCaseRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.testCase; public static func missing(_ reference: String) -> String { "Test Case does not exist" } }
extension RequirementRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.requirement; public static func missing(_ reference: String) -> String { "Requirement does not exist" } }
extension DefectRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.defect; public static func missing(_ reference: String) -> String { "Defect with \(reference) does not exist." } }
extension CISettingRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.ciSetting; public static func missing(_ reference: String) -> String { "CI setting \(reference) does not exist" } }
extension IntegrationConnectionRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.integrationConnection; public static func missing(_ reference: String) -> String { "Jira connection \(reference) does not exist" } }
extension IntegrationMappingRecord: ProjectScopedRecord { public static let objectKind = ObjectKind.integrationMapping; public static func missing(_ reference: String) -> String { "Jira mapping \(reference) does not exist" } }
