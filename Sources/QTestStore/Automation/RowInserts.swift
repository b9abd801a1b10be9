import Foundation
import GRDB

// Plain INSERTs through the statement cache for the rows an automation upload writes by the
// thousand (cases, versions, steps, runs, logs, step logs). GRDB's record `insert` builds a
// dictionary-backed container and hashes every column name per row; these bind positional
// arguments instead, and dates go through `StorageDate` rather than a `DateFormatter`.
// `RowInsertTests` checks each against a GRDB fetch of the same row.

extension TestCaseRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_cases (id, project_id, pid, module_id, sort_order, creator_id, tosca_guid, tosca_node_path,
                                    tosca_test_case_unique_id, tosca_url, created_date, last_modified_date, automation_content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, projectId, pid, moduleId, sortOrder, creatorId, toscaGuid, toscaNodePath,
                             toscaTestCaseUniqueId, toscaUrl, StorageDate.text(createdDate), StorageDate.text(lastModifiedDate),
                             automationContent])
    }
}

extension TestCaseVersionRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_case_versions (id, test_case_id, major, minor, name, description, precondition, is_approved,
                                            creator_id, created_date, last_modified_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, testCaseId, major, minor, name, description, precondition, isApproved, creatorId, StorageDate.text(createdDate), StorageDate.text(lastModifiedDate)])
    }
}

extension TestStepRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_steps (id, test_case_version_id, description, expected, sort_order, step_group, plain_value_text,
                                    called_test_case_id, parent_test_step_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, testCaseVersionId, description, expected, sortOrder, stepGroup, plainValueText, calledTestCaseId, parentTestStepId])
    }
}

extension TestRunRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_runs (id, project_id, pid, name, parent_type, release_id, test_cycle_id, test_suite_id, test_case_id,
                                   test_case_version_id, status_id, automation, sort_order, tosca_guid, tosca_node_path, creator_id,
                                   created_date, last_modified_date, parameter_values)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, projectId, pid, name, parentType, releaseId, testCycleId, testSuiteId, testCaseId,
                             testCaseVersionId, statusId, automation, sortOrder, toscaGuid, toscaNodePath, creatorId,
                             StorageDate.text(createdDate), StorageDate.text(lastModifiedDate), parameterValues])
    }
}

extension TestLogRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_logs (id, project_id, test_run_id, test_case_version_id, status_id, name, note, exe_start_date,
                                   exe_end_date, build_number, build_url, planned_exe_time, actual_exe_time, result_number,
                                   automation_content, tester_id, created_date, last_modified_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, projectId, testRunId, testCaseVersionId, statusId, name, note, StorageDate.text(exeStartDate),
                             StorageDate.text(exeEndDate), buildNumber, buildUrl, plannedExeTime, actualExeTime, resultNumber,
                             automationContent, testerId, StorageDate.text(createdDate), StorageDate.text(lastModifiedDate)])
    }
}

extension TestStepLogRecord {
    func insertRow(_ db: Database) throws {
        try db.cachedExecute(sql: """
            INSERT INTO test_step_logs (id, test_log_id, test_step_id, status_id, description, expected_result, actual_result,
                                        sort_order, step_group, exe_date, user_id, called_test_case_id, parent_test_step_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, testLogId, testStepId, statusId, description, expectedResult, actualResult,
                             sortOrder, stepGroup, exeDate.map(StorageDate.text), userId, calledTestCaseId, parentTestStepId])
    }
}
