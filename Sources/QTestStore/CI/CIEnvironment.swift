import Foundation
import GRDB

/// The test-suite field a CI setting's `environment_id` is a value of: the one whose
/// `original_name` is `EnvironmentTestSuite`, found the way the Jenkins plugin finds it
/// (project fields first, then the site's).
enum CIEnvironment {
    static let originalName = "EnvironmentTestSuite"

    /// The project's Environment field, active or not; nil when it has none.
    static func field(_ db: Database, projectId: Int64) throws -> FieldRecord? {
        try FieldSettings.list(db, .project(projectId), .testSuite, includeInactive: true).first { $0.originalName == originalName }
    }

    /// A saved `environment_id` must be a value of the Environment field (0 = none). An
    /// inactive one is accepted: deactivating a value must not make every build's save fail.
    static func check(_ db: Database, projectId: Int64, _ value: Int64) throws {
        guard value != 0 else { return }
        guard let field = try field(db, projectId: projectId) else {
            throw StoreError.badRequest("Field 'environment_id': the project has no Environment test-suite field")
        }
        guard try Fields.allowedValues(db, fieldId: field.id).contains(where: { $0.value == value }) else {
            throw StoreError.badRequest("Field 'environment_id': \(value) is not a value of the Environment field")
        }
    }

    /// The property a suite created for the setting gets, or nil when the field or the value
    /// is inactive (a suite cannot be given an inactive value) or there is none.
    static func property(_ db: Database, projectId: Int64, _ value: Int64) throws -> PropertyInput? {
        guard value != 0, let field = try field(db, projectId: projectId), field.isActive,
              try Fields.allowedValues(db, fieldId: field.id, includeInactive: false).contains(where: { $0.value == value }) else { return nil }
        return PropertyInput(fieldId: field.id, value: String(value))
    }
}
