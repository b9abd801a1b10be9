import Foundation
import Testing
@testable import QTestAPI

/// A queued upload keeps its body as the bytes received (``AutomationJob/Request/storedText``);
/// what the worker reads back after a restart must be the request the submit parsed.
@Suite struct AutomationStoredRequestTests {
    static let bodies: [String] = [
        #"{"execution_date":"2026-01-05T10:00:00Z","test_logs":[{"name":"a","status":"PASSED"}]}"#,
        "\n  {\"test_logs\" : [ {\"name\" : \"caf\\u00e9 <b>\", \"status\" : \"FAILED\", \"note\": null} ] }\r\n\t",
        "\u{FEFF}{\"test_logs\":[{\"name\":\"with a byte-order mark\",\"status\":\"PASSED\"}]}",
        #"{"test_logs":[{"name":"\"quoted\" and \\ backslash","status":"PASSED","properties":[{"field_id":1,"field_value":"x"}]}],"test_suite":null}"#,
    ]

    @Test(arguments: bodies)
    func theStoredTextReadsBackAsTheParsedRequest(text: String) throws {
        let bytes = Data(text.utf8)
        let body = try JSON.parse(bytes)
        let now = Date(timeIntervalSince1970: 1_767_607_200)
        for (kind, setting) in [(AutomationJob.Kind.suite, nil), (.ci, Int64(42))] as [(AutomationJob.Kind, Int64?)] {
            let request = try AutomationJob.Request(kind: kind, body: body, bodyBytes: bytes, escapeXML: false, now: now, ciSettingID: setting)
            let stored = try JSON.parse(Data(request.storedText.utf8))
            let read = try AutomationJob.Request(stored: stored)
            #expect(read.kind == kind)
            // Exactly what the submit parsed, nulls and all (serializing the whole request
            // dropped null members, which every reader takes as absent anyway).
            #expect(read.body == body)
            #expect(read.escapeXML == false)
            #expect(read.executionDate == request.executionDate)
            #expect(read.ciSettingID == setting)
        }
    }
}
