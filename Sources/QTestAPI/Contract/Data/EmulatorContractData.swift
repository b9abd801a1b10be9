/// The contract of the routes that are the emulator's own rather than qTest's scope list: the
/// control plane (`/__emulator/…`), this document (`/openapi.json`), `POST /oauth/revoke`, and
/// the Jenkins plugin's routes (`/version`, the CI setting, the legacy CI upload), in the same
/// format as ``QTestOperationData`` and ``QTestModelData``.
///
/// A route listed here appears in the OpenAPI document once the route table registers it; a
/// new control-plane route gets its schemas by adding a line here.
enum EmulatorContractData {
    /// Example values of path and query parameters, by name: objects of the demo seed (project
    /// 108781 and what it holds), so that a tool replaying the examples (schemathesis' examples
    /// phase, a client's docs) reaches real objects instead of 404s.
    static let parameterExamples = #"""
{"projectId": 108781, "releaseId": 500001, "buildId": 510001, "testCycleId": 1200001, "testSuiteId": 2300001,
 "testRunId": 31000001, "testCaseId": 40000001, "testCaseIdOrPid": 40000001, "moduleId": 6100001, "requirementId": 9100001,
 "defectId": 700100001, "userId": 10002, "templateId": 2001, "ldapAuthConfigId": 1001, "objectType": "test-cases",
 "objectId": 40000001, "fieldId": 608942}
"""#

    static let models = #"""
{
  "QTestError": {"about": "Every refusal of the qTest API: a 4xx (or 5xx) whose message says why.", "keys": {
    "message": "string!"
  }},
  "TokenError": {"about": "A missing, unknown or expired token: OAuth's error pair plus qTest's message.", "keys": {
    "error": "string!",
    "error_description": "string!",
    "message": "string!"
  }},
  "OAuthError": {"about": "A refused token request.", "keys": {
    "error": "string!",
    "error_description": "string!"
  }},
  "EmulatorHealth": {"about": "The emulator is up and serving.", "keys": {
    "status": "string!"
  }},
  "QTestServerVersion": {"about": "What `GET /version` tells the Jenkins plugin: the product name (`test-conductor`) and a three-part version.", "keys": {
    "name": "string!",
    "version": "string!"
  }},
  "CISetting": {"about": "The Jenkins plugin's setting of one job in one project: where its results go.", "keys": {
    "id": "integer!",
    "ci_type": "string!",
    "ci_server": "string!",
    "ci_project": "string!",
    "ciid": "string!",
    "project_id": "integer!",
    "release_id": "integer",
    "container": "CISettingContainer",
    "test_suite_id": "integer!",
    "module_id": "integer!",
    "environment_id": "integer!",
    "overwrite_existing_test_steps": "boolean!"
  }},
  "CISettingContainer": {"about": "The release, test cycle or test suite a CI setting uploads into.", "keys": {
    "id": "integer!",
    "type": "string!",
    "create_new_test_suite": "boolean!"
  }},
  "CIUploadRequest": {"about": "The Jenkins plugin's upload body (v3.1 and legacy).", "open": true, "keys": {
    "buildNumber": "string",
    "buildPath": "string",
    "test_suite": "integer",
    "skipCreatingAutomationModule": "boolean",
    "parent_module": "integer",
    "test_logs": "AutomationTestLogResource[]",
    "testResults": "AutomationTestLogResource[]"
  }}
}
"""#

    static let operations = #"""
[
{"route": "GET /__emulator/health", "tag": "Emulator", "name": "health", "about": "Readiness probe: 200 once the emulator serves requests.", "answers": {"200": "EmulatorHealth"}},
{"route": "GET /openapi.json", "tag": "Emulator", "name": "openapi", "about": "This OpenAPI document.", "answers": {"200": "any"}},
{"route": "POST /oauth/revoke", "tag": "LoginApi", "name": "revoke", "about": "Revokes the token in the Authorization header.", "answers": {"200": "QTestError"}},
{"route": "GET /version", "tag": "JenkinsPlugin", "name": "get_version", "about": "The server's product name and version, read by the Jenkins plugin without a token.", "answers": {"200": "QTestServerVersion"}},
{"route": "GET /api/v3/projects/{projectId}/ci", "tag": "JenkinsPlugin", "name": "find_ci_setting", "about": "Finds the CI setting of a job by server, job name, CI type and server id.", "path": {"projectId": "integer"}, "query": {"server": "string", "project": "string", "type": "string", "ciid": "string"}, "answers": {"200": "CISetting"}},
{"route": "GET /api/v3/projects/{projectId}/ci/{settingId}", "tag": "JenkinsPlugin", "name": "get_ci_setting", "about": "Reads one CI setting.", "path": {"projectId": "integer", "settingId": "integer"}, "answers": {"200": "CISetting"}},
{"route": "POST /api/v3/projects/{projectId}/ci", "tag": "JenkinsPlugin", "name": "create_ci_setting", "about": "Saves a job's CI setting (or updates the one it matches).", "path": {"projectId": "integer"}, "body": "CISetting!", "answers": {"200": "CISetting"}},
{"route": "PUT /api/v3/projects/{projectId}/ci/{settingId}", "tag": "JenkinsPlugin", "name": "update_ci_setting", "about": "Updates a CI setting (the id in the path wins over the body's).", "path": {"projectId": "integer", "settingId": "integer"}, "body": "CISetting!", "answers": {"200": "CISetting"}},
{"route": "POST /api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs/ci/{configurationId}", "tag": "JenkinsPlugin", "name": "submit_ci_results", "about": "Queues the Jenkins plugin's results for the place its CI setting names (testRunId 0); answers the queued job.", "path": {"projectId": "integer", "testRunId": "integer", "configurationId": "integer"}, "body": "CIUploadRequest!", "answers": {"201": "QueueProcessingResponse"}}
]
"""#
}
