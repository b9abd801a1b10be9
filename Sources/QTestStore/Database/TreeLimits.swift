/// How deep the store lets its two trees grow: modules nested in modules, and test cycles
/// nested in test cycles.
///
/// Real projects rarely go beyond ten or fifteen levels; the limit is there because every
/// level costs something somewhere: SQLite stops an `ON DELETE CASCADE` chain after 1,000
/// levels, every expanded level nests the response JSON two levels deeper (client parsers
/// commonly give up at 512 or 1,000), and a tool that maps a folder path onto modules should
/// get a clear 400 rather than a tree nobody can read. 100 keeps a whole expanded tree near
/// 200 JSON levels.
///
/// The limit applies wherever a module or a cycle gets a parent: creates, moves, automation
/// uploads (checked at submit when the request shows the depth, otherwise the job fails) and
/// Tosca imports. Trees written before the limit existed (an old `--db` file, a fixture) are
/// still read and deleted safely: readers nest at most ``maxDepth`` levels in one response
/// and every walk and delete is iterative.
public enum TreeLimits {
    /// The most levels of nested modules, and of nested test cycles, counted from the top of
    /// the tree (a module under the root, or a cycle under the root or a release, is level 1).
    public static let maxDepth = 100

    /// The 400 answered when a write would nest `plural` ("Modules", "Test Cycles") deeper
    /// than ``maxDepth``.
    static func tooDeep(_ plural: String, _ detail: String) -> StoreError {
        StoreError.badRequest("\(detail): \(plural) cannot be nested more than \(maxDepth) levels deep")
    }
}
