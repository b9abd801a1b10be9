import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file behind a database opened without `--db`: `qtest-emulator-<pid>-<uuid>.sqlite` in
/// the temporary directory, removed (with its `-wal` and `-shm`) when the database is released.
///
/// A process killed with SIGKILL cannot remove its file, so each new one removes the files of
/// processes that no longer exist (in the background).
final class TemporaryDatabaseFile: Sendable {
    let path: String
    static let prefix = "qtest-emulator-"

    init() throws {
        let directory = FileManager.default.temporaryDirectory.path
        // Off the start's path: a temporary directory may hold thousands of names to look at.
        DispatchQueue.global(qos: .utility).async { Self.removeOrphans(in: directory) }
        path = directory + "/" + Self.prefix + "\(getpid())-\(UUID().uuidString).sqlite"
    }

    func remove() { Self.removeFiles(of: path) }

    private static func removeFiles(of path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Removes the database files of processes that are gone.
    private static func removeOrphans(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".sqlite") {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { removeFiles(of: directory + "/" + name) }
        }
    }
}
