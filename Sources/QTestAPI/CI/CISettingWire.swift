import Foundation
import QTestStore

/// The CI setting as the Jenkins plugin reads it (`model/qtest/Setting.java`): snake_case
/// keys, `release_id` in release mode and `container` in container mode (absent otherwise),
/// and every id a number, `module_id` included: the freestyle step stores it in a primitive
/// `long`, so a missing or null `module_id` aborts its save and its build.
enum CISettingWire {
    static func encode(_ setting: CISettingRecord) -> JSON {
        var members: [(String, JSON)] = [
            ("id", .int(setting.id)),
            ("ci_type", .string(setting.ciType)),
            ("ci_server", .string(setting.ciServer)),
            ("ci_project", .string(setting.ciProject)),
            ("ciid", .string(setting.ciid)),
            ("project_id", .int(setting.projectId)),
        ]
        if let release = setting.releaseId { members.append(("release_id", .int(release))) }
        if let container = setting.container {
            members.append(("container", [
                "id": .int(container.id),
                "type": .string(container.type.rawValue),
                "create_new_test_suite": .bool(container.createNewTestSuite),
            ]))
        }
        members += [
            ("test_suite_id", .int(setting.testSuiteId)),
            ("module_id", .int(setting.moduleId ?? 0)),
            ("environment_id", .int(setting.environmentId)),
            ("overwrite_existing_test_steps", .bool(setting.overwriteExistingTestSteps)),
        ]
        return .object(members)
    }
}
