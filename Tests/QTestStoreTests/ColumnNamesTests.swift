import Foundation
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
}
