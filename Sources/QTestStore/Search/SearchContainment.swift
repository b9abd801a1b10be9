import Foundation
import GRDB

/// "Under a release", "under a test cycle" and "targets a release or build" as SQL.
///
/// The execution tree keeps only a row's direct parent (a cycle nested in a cycle has no
/// `release_id`), so "under release R" walks down from R's cycles with a recursive CTE. The CTE
/// does not depend on the row, so SQLite evaluates it once per query; trees are at most 100
/// levels deep (`TreeLimits`), which bounds the recursion.
enum SearchContainment {
    /// The containers asked for: these ids, or (`is 'not empty'`) any.
    enum IDSet {
        case ids([Int64])
        case any

        init(_ operand: SearchOperand) {
            if case let .ids(ids) = operand { self = .ids(ids) } else { self = .any }
        }

        /// `column IN (ids)` or `column IS NOT NULL`.
        func test(_ column: String) -> SQLFragment {
            switch self {
            case .any: SQLFragment("\(column) IS NOT NULL")
            case let .ids(ids): SQLFragment("\(column) IN (SELECT value FROM json_each(?))", [SearchComparison.jsonArray(ids)])
            }
        }
    }

    /// The ids of the cycles that `seed` picks (over `c0`) and every cycle below them.
    static func cycles(_ seed: SQLFragment) -> SQLFragment {
        seed.wrapped("WITH RECURSIVE sc(id) AS (SELECT c0.id FROM test_cycles c0 WHERE ",
                     " UNION SELECT c1.id FROM test_cycles c1 JOIN sc ON c1.parent_cycle_id = sc.id) SELECT id FROM sc")
    }

    static func member(_ column: String, of set: SQLFragment) -> SQLFragment { set.wrapped("\(column) IN (", ")") }

    /// Rows of type `row` (alias `alias`) anywhere under the releases of `set`.
    static func underRelease(alias: String, row: SearchObjectType, _ set: IDSet) -> SQLFragment {
        let releaseCycles = cycles(set.test("c0.release_id"))
        let p: SQLFragment
        switch row {
        case .testCycles:
            p = member("\(alias).id", of: releaseCycles)
        case .testSuites:
            p = .any([set.test("\(alias).release_id"), member("\(alias).test_cycle_id", of: releaseCycles)])
        default:
            let suites = SQLFragment.any([set.test("s.release_id"), member("s.test_cycle_id", of: releaseCycles)])
                .wrapped("SELECT s.id FROM test_suites s WHERE ", "")
            p = .any([set.test("\(alias).release_id"), member("\(alias).test_cycle_id", of: releaseCycles),
                      member("\(alias).test_suite_id", of: suites)])
        }
        return p.wrapped("COALESCE((", "), 0)")
    }

    /// Rows of type `row` anywhere under the cycles of `set` (for cycles: strictly below).
    static func underCycle(alias: String, row: SearchObjectType, _ set: IDSet) -> SQLFragment {
        let p: SQLFragment
        switch row {
        case .testCycles:
            p = member("\(alias).id", of: cycles(set.test("c0.parent_cycle_id")))
        case .testSuites:
            p = member("\(alias).test_cycle_id", of: cycles(set.test("c0.id")))
        default:
            let inCycles = cycles(set.test("c0.id"))
            let suites = member("s.test_cycle_id", of: inCycles).wrapped("SELECT s.id FROM test_suites s WHERE ", "")
            p = .any([member("\(alias).test_cycle_id", of: inCycles), member("\(alias).test_suite_id", of: suites)])
        }
        return p.wrapped("COALESCE((", "), 0)")
    }

    /// Target Release/Build: the row targets one of the releases or one of the builds.
    static func target(alias: String, _ operand: SearchOperand) -> SQLFragment {
        let p: SQLFragment
        switch operand {
        case let .targets(releases, builds):
            var parts: [SQLFragment] = []
            if !releases.isEmpty { parts.append(IDSet.ids(releases).test("\(alias).target_release_id")) }
            if !builds.isEmpty { parts.append(IDSet.ids(builds).test("\(alias).target_build_id")) }
            p = .any(parts)
        default:
            p = SQLFragment("\(alias).target_release_id IS NOT NULL OR \(alias).target_build_id IS NOT NULL")
        }
        return p.wrapped("COALESCE((", "), 0)")
    }
}
