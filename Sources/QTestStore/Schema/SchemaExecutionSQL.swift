// The first migration's SQL for test execution: releases, builds, cycles, suites, runs, logs
// and step logs.
// Kept apart from `Schema.swift` (the migrator) because it is long; migrations are
// append-only, so this text never changes once released.

extension Schema {
    static let executionSQL = """
    CREATE TABLE releases (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        note TEXT,
        start_date DATETIME,
        end_date DATETIME,
        \(SchemaColumns.sortedAudit)
    );

    CREATE TABLE builds (
        \(SchemaColumns.projectKey)
        release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        \(SchemaColumns.sortedAudit)
    );
    CREATE INDEX builds_release ON builds(release_id);

    -- parent_type: 'root' | 'release' | 'test-cycle'; exactly the matching FK column is set.
    CREATE TABLE test_cycles (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        parent_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        \(SchemaColumns.targetedSortedAudit)
    );
    CREATE INDEX test_cycles_release ON test_cycles(release_id);
    CREATE INDEX test_cycles_parent ON test_cycles(parent_cycle_id);
    CREATE INDEX test_cycles_target_release ON test_cycles(target_release_id);
    CREATE INDEX test_cycles_target_build ON test_cycles(target_build_id);

    CREATE TABLE test_suites (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        test_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        \(SchemaColumns.targetedSortedAudit)
    );
    CREATE INDEX test_suites_release ON test_suites(release_id);
    CREATE INDEX test_suites_cycle ON test_suites(test_cycle_id);
    CREATE INDEX test_suites_target_release ON test_suites(target_release_id);
    CREATE INDEX test_suites_target_build ON test_suites(target_build_id);

    -- parent_type: 'root' | 'release' | 'test-cycle' | 'test-suite'.
    CREATE TABLE test_runs (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle', 'test-suite')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        test_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        test_suite_id INTEGER REFERENCES test_suites(id) ON DELETE CASCADE,
        test_case_id INTEGER NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
        test_case_version_id INTEGER NOT NULL REFERENCES test_case_versions(id) ON DELETE CASCADE,
        status_id INTEGER NOT NULL DEFAULT 605,
        automation TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        tosca_guid TEXT,
        tosca_node_path TEXT,
        \(SchemaColumns.audit)
    );
    CREATE INDEX test_runs_release ON test_runs(release_id);
    CREATE INDEX test_runs_cycle ON test_runs(test_cycle_id);
    CREATE INDEX test_runs_suite ON test_runs(test_suite_id);
    CREATE INDEX test_runs_case ON test_runs(test_case_id);
    CREATE INDEX test_runs_case_version ON test_runs(test_case_version_id);

    CREATE TABLE test_logs (
        \(SchemaColumns.projectKey)
        test_run_id INTEGER NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
        test_case_version_id INTEGER REFERENCES test_case_versions(id) ON DELETE SET NULL,
        status_id INTEGER NOT NULL,
        name TEXT,
        note TEXT,
        exe_start_date DATETIME NOT NULL,
        exe_end_date DATETIME NOT NULL,
        build_number TEXT,
        build_url TEXT,
        planned_exe_time INTEGER,
        actual_exe_time INTEGER,
        result_number INTEGER,
        automation_content TEXT,
        tester_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL
    );
    CREATE INDEX test_logs_run ON test_logs(test_run_id);
    CREATE INDEX test_logs_project ON test_logs(project_id);
    CREATE INDEX test_logs_version ON test_logs(test_case_version_id);
    CREATE INDEX test_logs_tester ON test_logs(tester_id);

    CREATE TABLE test_step_logs (
        id INTEGER PRIMARY KEY NOT NULL,
        test_log_id INTEGER NOT NULL REFERENCES test_logs(id) ON DELETE CASCADE,
        test_step_id INTEGER REFERENCES test_steps(id) ON DELETE SET NULL,
        status_id INTEGER NOT NULL,
        description TEXT,
        expected_result TEXT,
        actual_result TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        step_group INTEGER,
        exe_date DATETIME,
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        called_test_case_id INTEGER REFERENCES test_cases(id) ON DELETE SET NULL,
        parent_test_step_id INTEGER
    );
    CREATE INDEX test_step_logs_log ON test_step_logs(test_log_id);
    CREATE INDEX test_step_logs_step ON test_step_logs(test_step_id);
    CREATE INDEX test_step_logs_user ON test_step_logs(user_id);
    CREATE INDEX test_step_logs_called ON test_step_logs(called_test_case_id);
    """
}
