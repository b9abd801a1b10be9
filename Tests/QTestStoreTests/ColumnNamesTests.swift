import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The cached column-name conversion must agree with the usual snake-case rules (as
/// Foundation's JSONEncoder applies them), or records would silently miss their columns.
@Suite struct ColumnNamesTests {
    struct Sample: Encodable {
        var id = 1, testCaseVersionId = 1, xExplorerAccessLevel = 1, exeStartDate = 1, parentTestStepId = 1
        var userDN = 1, isLDAPSsl = 1, field2Value = 1, toscaGuid = 1, automationContent = 1, a = 1
    }

    @Test func snakeCaseMatchesFoundation() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(Sample())) as? [String: Any])
        let expected = Set(object.keys)
        let names = ["id", "testCaseVersionId", "xExplorerAccessLevel", "exeStartDate", "parentTestStepId",
                     "userDN", "isLDAPSsl", "field2Value", "toscaGuid", "automationContent", "a"]
        #expect(Set(names.map(ColumnNames.snakeCase)) == expected)
    }

    @Test func roundTripsRecordStyleNames() {
        for key in ["testCaseVersionId", "exeStartDate", "xExplorerAccessLevel", "id", "projectId"] {
            #expect(ColumnNames.key(forColumn: ColumnNames.column(forKey: key)) == key)
        }
    }

    /// Tables are named by the rule too (``StoreRecord/databaseTableName``): a record whose
    /// derived name misses its table would fail on every query, so each must name a real one.
    @Test func everyRecordNamesATableOfTheSchema() throws {
        let records: [any StoreRecord.Type] = [
            AllowedValueRecord.self, AttachmentRecord.self, AutomationAgentRecord.self, AutomationScheduleRecord.self,
            BuildRecord.self, CISettingRecord.self, CommentRecord.self, DefectRecord.self,
            ExecutionStatusRecord.self, FieldRecord.self, FieldValueRecord.self, IntegrationConnectionRecord.self,
            IntegrationMappingRecord.self, JobRecord.self, LdapConfigRecord.self, LdapUserRecord.self,
            ModuleRecord.self, ProfileRecord.self, ProjectMemberRecord.self, ProjectRecord.self,
            ReleaseRecord.self, RequirementRecord.self, SiteTemplateRecord.self, TestCaseRecord.self,
            TestCaseVersionRecord.self, TestCycleRecord.self, TestLogRecord.self, TestRunRecord.self,
            TestStepLogRecord.self, TestStepRecord.self, TestSuiteRecord.self, TokenRecord.self,
            UserGroupRecord.self, UserRecord.self, WebhookAttemptRecord.self, WebhookDeliveryRecord.self,
            WebhookRecord.self,
        ]
        let store = try QTestDatabase(clock: FixedClock())
        try store.read { (db: Database) throws in
            for record in records { #expect(try db.tableExists(record.databaseTableName), "\(record) → \(record.databaseTableName)") }
        }
        #expect(TestCaseVersionRecord.databaseTableName == "test_case_versions")
        #expect(CISettingRecord.databaseTableName == "ci_settings")
        #expect(ExecutionStatusRecord.databaseTableName == "execution_statuses")
        #expect(WebhookDeliveryRecord.databaseTableName == "webhook_deliveries")
        #expect(AllowedValueRecord.databaseTableName == "field_allowed_values")
    }
}
