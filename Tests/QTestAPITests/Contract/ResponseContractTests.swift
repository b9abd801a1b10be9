import Foundation
import Testing
@testable import QTestAPI

/// The response check catches what it is there for: a missing required key, a wrong type, a
/// key spelled differently, an undeclared status, a malformed date, a non-JSON error.
@Suite struct ResponseContractTests {
    let contract = ResponseContract.emulator
    let release = "/api/v3/projects/{projectId}/releases/{releaseId}"
    let runs = "/api/v3/projects/{projectId}/test-runs"

    func check(_ method: String, _ pattern: String?, _ status: Int, _ body: String, type: String = "application/json") -> [String] {
        contract.violations(method: method, pattern: pattern, status: status, contentType: type, body: Data(body.utf8))
    }

    @Test func aConformingAnswerPasses() {
        #expect(check("GET", release, 200, #"{"id":1,"name":"R","properties":[],"created_date":"2026-01-01T00:00:00+00:00"}"#) == [])
        #expect(check("GET", release, 404, #"{"message":"Release does not exist"}"#) == [])
    }

    @Test func aMissingRequiredKeyIsCaught() {
        #expect(check("GET", release, 200, #"{"id":1,"name":"R"}"#) == ["$: required key properties is missing"])
    }

    @Test func aWrongTypeIsCaught() {
        let problems = check("GET", release, 200, #"{"id":"1","properties":[{"field_id":5,"field_value":7}]}"#)
        #expect(problems.contains { $0.hasPrefix("$.id: string") })
        #expect(problems.contains { $0.hasPrefix("$.properties[0].field_value: number") })
    }

    @Test func aKeySpelledDifferentlyIsCaught() {
        let body = #"{"items":[{"id":1,"testcaseId":2,"properties":[],"test_case":{"id":2}}],"total":1}"#
        #expect(check("GET", runs, 200, body) == ["$.items[0].testcaseId: key is not in the contract"])
    }

    @Test func anUndeclaredSuccessStatusIsCaught() {
        #expect(check("POST", runs, 200, "{}").first?.hasPrefix("status 200 is not declared") == true)
    }

    @Test func datesMustBeRFC3339() {
        #expect(check("GET", release, 200, #"{"properties":[],"created_date":"2026-01-01 10:00"}"#).count == 1)
        #expect(ContractDates.isDateTime("2026-01-05T10:00:00.123Z"))
        #expect(ContractDates.isDateTime("2026-01-05T10:00:00-07:00"))
        #expect(!ContractDates.isDateTime("2026-01-05T10:00:00+0000"))
        #expect(ContractDates.isDate("2026-01-05") && !ContractDates.isDate("2026-1-5"))
    }

    @Test func errorsMustBeQTestShaped() {
        #expect(check("GET", nil, 404, #"{"message":"No API found"}"#) == [])
        #expect(check("GET", nil, 404, "Not Found", type: "text/plain") == ["the body is not declared as application/json"])
        #expect(check("GET", release, 400, #"{"error":"x"}"#) == ["$: required key message is missing", "$.error: key is not in the contract"])
        #expect(check("GET", release, 401, #"{"error":"invalid_token","error_description":"d","message":"m"}"#) == [])
    }

    @Test func bytesAnswersAreNotParsed() {
        let download = "/api/v3/projects/{projectId}/{objectType}/{objectId}/attachments/{attachmentId}"
        #expect(check("GET", download, 200, "\u{1}\u{2}", type: "application/octet-stream") == [])
    }
}
