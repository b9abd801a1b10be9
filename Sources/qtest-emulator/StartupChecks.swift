import Foundation
import QTestAPI
#if canImport(Glibc)
import Glibc
#endif

/// What `serve` checks before it opens its database, so that a mistake is refused with a
/// message naming the file, the directory and the user, instead of SQLite's bare
/// "unable to open database file" (or a `--seed` skipped in silence).
enum StartupChecks {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// The database file can be created or written, and so can the `-wal`/`-shm` files SQLite
    /// keeps beside it. Without `--db`, the temporary directory the temporary database goes to.
    static func checkDatabaseLocation(_ path: String?) throws {
        guard let path else {
            let directory = FileManager.default.temporaryDirectory.path
            if let problem = problem(writing: directory) {
                throw Refusal(description: "cannot create the temporary database in \(directory) (TMPDIR): \(problem); set TMPDIR or pass --db FILE")
            }
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue { throw Refusal(description: "--db \(path) is a directory; name a file in it, e.g. \(path)/qtest.sqlite") }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Refusal(description: "cannot create --db \(path): the directory \(directory) does not exist")
        }
        if exists, let problem = problem(writing: path) {
            throw Refusal(description: "cannot open --db \(path): \(problem)")
        }
        if let problem = problem(writing: directory) {
            throw Refusal(description: "cannot \(exists ? "open" : "create") --db \(path): directory \(directory): \(problem)"
                + " (SQLite writes \((path as NSString).lastPathComponent)-wal and -shm beside the file);"
                + " on a container volume, make it writable for uid \(getuid()): `chown \(getuid()) \(directory)` on the host, or run the container with --user")
        }
    }

    /// `--seed FILE` is loaded only into an empty database: on a `--db` that already holds data it
    /// is refused, rather than skipped, so a fixture never seems loaded when it is not.
    static func checkSeed(_ seed: SeedSource, databasePath: String?) throws {
        guard case let .file(fixture) = seed, let databasePath, FileManager.default.fileExists(atPath: databasePath) else { return }
        let contents = try EmulatorApp.contents(ofDatabaseAt: databasePath)
        guard !contents.isEmpty else { return }
        throw Refusal(description: "--seed \(fixture) not loaded: --db \(databasePath) already holds data (\(contents)), and a seed"
            + " is loaded only into an empty database. Start without --seed to keep that state, remove the file to start from the"
            + " fixture, or add the fixture to the running state with POST /__emulator/import (?mode=replace to replace it)")
    }

    /// Why the current user cannot write `path` (a file, or a directory to create files in), or
    /// nil: with the owner and mode, since "permission denied" alone does not say whose.
    static func problem(writing path: String) -> String? {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let wanted = isDirectory.boolValue ? W_OK | X_OK : R_OK | W_OK
        guard access(path, wanted) != 0 else { return nil }
        let reason = errno
        if reason == EROFS { return "read-only file system" }
        var info = stat()
        guard stat(path, &info) == 0 else { return String(cString: strerror(reason)).lowercased() }
        let mode = String(format: "%04o", UInt32(info.st_mode & 0o7777))
        return "not writable by uid \(getuid()) (owner uid \(info.st_uid), mode \(mode))"
    }
}
