/// The contract of the routes that are the emulator's own rather than qTest's scope list: the
/// control plane (`/__emulator/…`), this document (`/openapi.json`), `POST /oauth/revoke`, and
/// the Jenkins plugin's routes (`/version`, the CI setting, the legacy CI upload), the lower-case
/// spellings of IntegrationSettingsApi's `DELETE …/{artifact}/mappings`, in the same
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
 "objectId": 40000001, "fieldId": 608942, "connectionId": 5001, "projectIdOrZero": 0, "artifact": "Defect"}
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
  "EmulatorHealth": {"about": "The emulator is up and serving: its version, the qTest version it answers as, its seed and store, and queued jobs.", "keys": {
    "status": "string!",
    "version": "string",
    "qtest_version": "string",
    "seed": "string",
    "uptime_seconds": "integer",
    "store": "string",
    "database": "string",
    "pending_jobs": "integer",
    "deterministic": "boolean"
  }},
  "EmulatorReset": {"about": "The store is back at its start state (or the seed asked for).", "keys": {
    "message": "string!",
    "seed": "string!",
    "duration_ms": "number!"
  }},
  "EmulatorResetRequest": {"about": "Which seed a reset loads (the start seed when left out).", "keys": {
    "seed": "string"
  }},
  "EmulatorSnapshot": {"about": "A named copy of the store.", "keys": {
    "name": "string!",
    "created_date": "date-time"
  }},
  "EmulatorJournal": {"about": "The last requests clients made, newest last.", "keys": {
    "total": "integer!",
    "items": "EmulatorJournalEntry[]!"
  }},
  "EmulatorJournalEntry": {"about": "One request a client made and its answer (secrets masked).", "keys": {
    "sequence": "integer!",
    "time": "date-time!",
    "method": "string!",
    "path": "string!",
    "query": "string!",
    "route": "string",
    "status": "integer!",
    "duration_ms": "number!",
    "caller": "string",
    "headers": "map<string>!",
    "request_body": "string!",
    "response_body": "string!",
    "fault_id": "integer"
  }},
  "EmulatorFaultRule": {"about": "A fault rule: requests it matches get its answer, delay, dropped connection or job fault.", "keys": {
    "id": "integer",
    "method": "string",
    "path": "string",
    "status": "integer",
    "body": "any",
    "headers": "map<string>",
    "drop": "boolean",
    "job": "string",
    "message": "string",
    "delay_ms": "integer",
    "times": "integer",
    "probability": "number",
    "seed": "integer",
    "hits": "integer"
  }},
  "EmulatorClock": {"about": "The emulator's clock: the time it reads, and whether it is frozen or runs at an offset.", "keys": {
    "time": "date-time!",
    "frozen": "boolean!",
    "offset_seconds": "number"
  }},
  "EmulatorClockSet": {"about": "Freezes the clock at a time.", "keys": {
    "time": "date-time!"
  }},
  "EmulatorClockAdvance": {"about": "Moves the clock by a number of seconds (negative: back).", "keys": {
    "seconds": "number!"
  }},
  "EmulatorWebhookDeliveries": {"about": "Webhook deliveries, newest first, with every attempt; a reset clears them.", "keys": {
    "total": "integer!",
    "items": "EmulatorWebhookDelivery[]!"
  }},
  "EmulatorWebhookDelivery": {"about": "One event queued for one webhook: what is sent, where it stands, and each attempt.", "keys": {
    "id": "integer!",
    "webhook_id": "integer!",
    "event": "string!",
    "project_id": "integer!",
    "object_id": "integer!",
    "outcome": "string!",
    "attempt_count": "integer!",
    "queued_date": "date-time!",
    "next_attempt_date": "date-time",
    "payload": "any!",
    "attempts": "EmulatorWebhookAttempt[]!"
  }},
  "EmulatorWebhookAttempt": {"about": "One POST of a delivery: the URL, the HTTP status or the error, how long it took.", "keys": {
    "attempt": "integer!",
    "url": "string!",
    "status": "integer",
    "error": "string",
    "duration_ms": "number!",
    "date": "date-time!"
  }},
  "EmulatorDashboardStamp": {"about": "What the dashboard's pages poll to refresh: one change counter per thing a page watches.", "keys": {
    "store": "integer!",
    "journal": "string!",
    "control": "string!"
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
{"route": "POST /__emulator/reset", "tag": "Emulator", "name": "reset", "about": "Puts the store back to its start state (or loads another seed), as a fresh start would.", "body": "EmulatorResetRequest", "answers": {"200": "EmulatorReset"}},
{"route": "POST /__emulator/snapshots", "tag": "Emulator", "name": "save_snapshot", "about": "Saves the store under a name.", "body": "EmulatorSnapshot!", "answers": {"201": "EmulatorSnapshot"}},
{"route": "GET /__emulator/snapshots", "tag": "Emulator", "name": "list_snapshots", "about": "Lists the saved snapshots.", "answers": {"200": "EmulatorSnapshot[]"}},
{"route": "POST /__emulator/snapshots/{name}/restore", "tag": "Emulator", "name": "restore_snapshot", "about": "Puts the store back to a snapshot.", "path": {"name": "string"}, "answers": {"200": "QTestError"}},
{"route": "DELETE /__emulator/snapshots/{name}", "tag": "Emulator", "name": "delete_snapshot", "about": "Deletes a snapshot.", "path": {"name": "string"}, "answers": {"200": "QTestError"}},
{"route": "GET /__emulator/journal", "tag": "Emulator", "name": "read_journal", "about": "Reads the request journal, filtered by method, path, status or sequence.", "query": {"method": "string", "path": "string", "route": "string", "status": "string", "since": "string", "limit": "integer"}, "answers": {"200": "EmulatorJournal"}},
{"route": "DELETE /__emulator/journal", "tag": "Emulator", "name": "clear_journal", "about": "Empties the request journal.", "answers": {"200": "QTestError"}},
{"route": "POST /__emulator/faults", "tag": "Emulator", "name": "add_fault", "about": "Adds a fault rule.", "body": "EmulatorFaultRule!", "answers": {"201": "EmulatorFaultRule"}},
{"route": "GET /__emulator/faults", "tag": "Emulator", "name": "list_faults", "about": "Lists the fault rules with their hit counts.", "answers": {"200": "EmulatorFaultRule[]"}},
{"route": "DELETE /__emulator/faults", "tag": "Emulator", "name": "clear_faults", "about": "Deletes every fault rule.", "answers": {"200": "QTestError"}},
{"route": "DELETE /__emulator/faults/{id}", "tag": "Emulator", "name": "delete_fault", "about": "Deletes one fault rule.", "path": {"id": "integer"}, "answers": {"200": "QTestError"}},
{"route": "GET /__emulator/clock", "tag": "Emulator", "name": "read_clock", "about": "Reads the emulator's clock.", "answers": {"200": "EmulatorClock"}},
{"route": "PUT /__emulator/clock", "tag": "Emulator", "name": "freeze_clock", "about": "Freezes the clock at a time.", "body": "EmulatorClockSet!", "answers": {"200": "EmulatorClock"}},
{"route": "POST /__emulator/clock/advance", "tag": "Emulator", "name": "advance_clock", "about": "Moves the clock by a number of seconds.", "body": "EmulatorClockAdvance!", "answers": {"200": "EmulatorClock"}},
{"route": "DELETE /__emulator/clock", "tag": "Emulator", "name": "resume_clock", "about": "Lets the clock run on from where it is.", "answers": {"200": "EmulatorClock"}},
{"route": "GET /__emulator/export", "tag": "Emulator", "name": "export_state", "about": "The whole state as a seed fixture (the format of seed-data/README.md); seeding a fresh emulator with it and exporting again gives the same document.", "answers": {"200": "any"}},
{"route": "POST /__emulator/import", "tag": "Emulator", "name": "import_state", "about": "Loads a seed fixture into the running state, all or nothing: merged (ids already present are refused) or, with mode=replace, in place of everything.", "query": {"mode": "string"}, "body": "any", "answers": {"200": "any"}},
{"route": "GET /__emulator/webhooks/deliveries", "tag": "Emulator", "name": "list_webhook_deliveries", "about": "The webhook deliveries the emulator queued and every attempt to send them, filtered by webhook id, event and outcome (pending, delivered, failed, cancelled).", "query": {"webhook": "integer", "event": "string", "outcome": "string", "limit": "integer"}, "answers": {"200": "EmulatorWebhookDeliveries"}},
{"route": "GET /__emulator/ui", "tag": "EmulatorDashboard", "name": "dashboard", "about": "The dashboard: every project with its runs by status, and the emulator's jobs, journal, faults and clock (`/__emulator/ui` answers 301 to `/__emulator/ui/`).", "answers": {"200": "text/html", "301": null, "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}", "tag": "EmulatorDashboard", "name": "dashboard_execution_tree", "about": "A project's execution tree as HTML: releases, cycles, suites and runs with their latest status as a colour; parentType and parentId root it at a container.", "path": {"projectId": "integer"}, "query": {"parentType": "string", "parentId": "integer", "page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}/runs", "tag": "EmulatorDashboard", "name": "dashboard_container_runs", "about": "The runs directly in one container, 100 a page, as HTML.", "path": {"projectId": "integer"}, "query": {"parentType": "string", "parentId": "integer", "page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}/runs/{testRunId}", "tag": "EmulatorDashboard", "name": "dashboard_run", "about": "One run as HTML: its properties and its logs newest first with step logs and files.", "path": {"projectId": "integer", "testRunId": "integer"}, "query": {"page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}/design", "tag": "EmulatorDashboard", "name": "dashboard_design_tree", "about": "A project's test design as HTML: modules, test cases at their latest version with Automation Content and steps.", "path": {"projectId": "integer"}, "query": {"module": "integer", "page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}/modules/{moduleId}", "tag": "EmulatorDashboard", "name": "dashboard_module_cases", "about": "The test cases directly in one module (0: in none), 100 a page, as HTML.", "path": {"projectId": "integer", "moduleId": "integer"}, "query": {"page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/queue", "tag": "EmulatorDashboard", "name": "dashboard_queue", "about": "Upload jobs newest first and webhook deliveries, as HTML.", "query": {"page": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/journal", "tag": "EmulatorDashboard", "name": "dashboard_journal", "about": "The request journal as HTML, with the filters of the journal route.", "query": {"method": "string", "path": "string", "route": "string", "status": "string", "since": "string", "limit": "integer"}, "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/control", "tag": "EmulatorDashboard", "name": "dashboard_control", "about": "The clock, fault rules and snapshots as HTML, with buttons that call the control plane.", "answers": {"200": "text/html", "400": "text/html", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/projects/{projectId}/attachments/{attachmentId}", "tag": "EmulatorDashboard", "name": "dashboard_attachment", "about": "An attachment's bytes: raster images as themselves (shown inline), anything else as application/octet-stream to download.", "path": {"projectId": "integer", "attachmentId": "integer"}, "answers": {"200": "binary", "401": "text/html", "404": "text/html"}},
{"route": "GET /__emulator/ui/stamp", "tag": "EmulatorDashboard", "name": "dashboard_stamp", "about": "Change counters the dashboard polls to refresh its pages.", "answers": {"200": "EmulatorDashboardStamp", "401": "text/html"}},
{"route": "GET /__emulator/ui/statuses.css", "tag": "EmulatorDashboard", "name": "dashboard_status_colours", "about": "The colours of the execution statuses as a stylesheet.", "answers": {"200": "text/css", "401": "text/html"}},
{"route": "GET /__emulator/ui/dashboard.css", "tag": "EmulatorDashboard", "name": "dashboard_stylesheet", "about": "The dashboard's stylesheet.", "answers": {"200": "text/css"}},
{"route": "GET /__emulator/ui/dashboard.js", "tag": "EmulatorDashboard", "name": "dashboard_script", "about": "The dashboard's script: live refresh and the control buttons.", "answers": {"200": "text/javascript"}},
{"route": "POST /__emulator/ui/login", "tag": "EmulatorDashboard", "name": "dashboard_login", "about": "The dashboard's login form: the control token sets the dashboard's cookie and returns to the page asked for (303); a wrong one shows the form again (401).", "form": {"token": "string", "next": "string"}, "answers": {"303": null, "401": "text/html"}},
{"route": "GET /openapi.json", "tag": "Emulator", "name": "openapi", "about": "This OpenAPI document.", "answers": {"200": "any"}},
{"route": "POST /oauth/revoke", "tag": "LoginApi", "name": "revoke", "about": "Revokes the token in the Authorization header.", "answers": {"200": "QTestError"}},
{"route": "GET /version", "tag": "JenkinsPlugin", "name": "get_version", "about": "The server's product name and version, read by the Jenkins plugin without a token.", "answers": {"200": "QTestServerVersion"}},
{"route": "GET /api/v3/projects/{projectId}/ci", "tag": "JenkinsPlugin", "name": "find_ci_setting", "about": "Finds the CI setting of a job by server, job name, CI type and server id.", "path": {"projectId": "integer"}, "query": {"server": "string", "project": "string", "type": "string", "ciid": "string"}, "answers": {"200": "CISetting"}},
{"route": "GET /api/v3/projects/{projectId}/ci/{settingId}", "tag": "JenkinsPlugin", "name": "get_ci_setting", "about": "Reads one CI setting.", "path": {"projectId": "integer", "settingId": "integer"}, "answers": {"200": "CISetting"}},
{"route": "POST /api/v3/projects/{projectId}/ci", "tag": "JenkinsPlugin", "name": "create_ci_setting", "about": "Saves a job's CI setting (or updates the one it matches).", "path": {"projectId": "integer"}, "body": "CISetting!", "answers": {"200": "CISetting"}},
{"route": "PUT /api/v3/projects/{projectId}/ci/{settingId}", "tag": "JenkinsPlugin", "name": "update_ci_setting", "about": "Updates a CI setting (the id in the path wins over the body's).", "path": {"projectId": "integer", "settingId": "integer"}, "body": "CISetting!", "answers": {"200": "CISetting"}},
{"route": "POST /api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs/ci/{configurationId}", "tag": "JenkinsPlugin", "name": "submit_ci_results", "about": "Queues the Jenkins plugin's results for the place its CI setting names (testRunId 0); answers the queued job.", "path": {"projectId": "integer", "testRunId": "integer", "configurationId": "integer"}, "body": "CIUploadRequest!", "answers": {"201": "QueueProcessingResponse"}},
{"route": "DELETE /api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/defect/mappings", "tag": "IntegrationSettingsApi", "name": "remove_defect_mapping", "about": "remove_mapping spelled with the lower-case kind clients use in the other mapping paths (`defect`); the literal segment would otherwise answer 405.", "path": {"projectId": "integer", "connectionId": "integer"}, "query": {"externalProjectId": "string!", "externalIssueTypeId": "string!"}, "answers": {"200": "Message"}},
{"route": "DELETE /api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/requirement/mappings", "tag": "IntegrationSettingsApi", "name": "remove_requirement_mapping", "about": "remove_mapping spelled with the lower-case kind clients use in the other mapping paths (`requirement`); the literal segment would otherwise answer 405.", "path": {"projectId": "integer", "connectionId": "integer"}, "query": {"externalProjectId": "string!", "externalIssueTypeId": "string!"}, "answers": {"200": "Message"}},
{"route": "DELETE /api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/release/mappings", "tag": "IntegrationSettingsApi", "name": "remove_release_mapping", "about": "remove_mapping spelled with the lower-case kind clients use in the other mapping paths (`release`); the literal segment would otherwise answer 405.", "path": {"projectId": "integer", "connectionId": "integer"}, "query": {"externalProjectId": "string!", "externalIssueTypeId": "string!"}, "answers": {"200": "Message"}}
]
"""#
}
