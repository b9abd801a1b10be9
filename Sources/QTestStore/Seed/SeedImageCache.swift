import Foundation
import GRDBSQLite
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Seed images by name (`demo`, `none`), built once per binary: in this process's memory, and
/// optionally in a directory, so later starts of the same executable open them from disk.
///
/// A file is named after what built it: the executable (device, inode, size and modification
/// time of `/proc/self/exe`) and the SQLite library, so a rebuilt binary, whose schema or seed
/// loader may differ, never opens an image an older one made. Files of other builds with the
/// same name are removed when a new one is written. Every file problem (no directory, no
/// permission, a damaged file) only means building the image again.
public final class SeedImageCache: Sendable {
    /// The cache every emulator in this process shares.
    public static let shared = SeedImageCache()

    private let images = Mutex<[String: SeedImage]>([:])

    /// `$XDG_CACHE_HOME/qtest-emulator`, or `~/.cache/qtest-emulator`; nil without either.
    public static var userDirectory: String? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/qtest-emulator" }
        if let home = environment["HOME"], home.hasPrefix("/"), home != "/" { return home + "/.cache/qtest-emulator" }
        return nil
    }

    /// The image named `name`, made by `build` when neither memory nor `directory` has it.
    public func image(_ name: String, directory: String?, build: () throws -> SeedImage) throws -> SeedImage {
        if let image = images.withLock({ $0[name] }) { return image }
        let file = directory.map { "\($0)/seed-\(name)-\(Self.buildFingerprint).qtimage" }
        if let file, let image = Self.read(file) {
            images.withLock { $0[name] = image }
            return image
        }
        let image = try build()
        images.withLock { $0[name] = image }
        if let directory, let file { Self.write(image, to: file, in: directory, name: name) }
        return image
    }

    // MARK: Files

    /// First line of a cache file; the format's version is part of it.
    private static let magic = Data("qtest-emulator seed image 1\n".utf8)

    /// The header line: the clock reads, then table, column and read of each clock column,
    /// tab-separated (a decoder's start-up would cost more than the rest of the read).
    private static func header(_ image: SeedImage) -> String {
        ([String(image.clockReads)] + image.clockColumns.flatMap { [$0.table, $0.column, String($0.read)] }).joined(separator: "\t")
    }

    private static func parseHeader(_ line: String) -> (reads: Int, columns: [SeedImage.ClockColumn])? {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let reads = Int(parts[0]), (parts.count - 1) % 3 == 0 else { return nil }
        var columns: [SeedImage.ClockColumn] = []
        for i in stride(from: 1, to: parts.count, by: 3) {
            guard let read = Int(parts[i + 2]), (0..<reads).contains(read) else { return nil }
            columns.append(SeedImage.ClockColumn(table: parts[i], column: parts[i + 1], read: read))
        }
        return (reads, columns)
    }

    /// Identifies this executable and SQLite library (hex), or "unknown" when the executable
    /// cannot be looked at.
    static let buildFingerprint: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ ((value >> UInt64(shift)) & 0xff)) &* 0x0000_0100_0000_01b3
            }
        }
        mix(UInt64(truncatingIfNeeded: info.st_dev)); mix(UInt64(truncatingIfNeeded: info.st_ino))
        mix(UInt64(truncatingIfNeeded: info.st_size))
        mix(UInt64(truncatingIfNeeded: info.st_mtim.tv_sec)); mix(UInt64(truncatingIfNeeded: info.st_mtim.tv_nsec))
        for byte in String(cString: sqlite3_libversion()).utf8 { mix(UInt64(byte)) }
        return String(hash, radix: 16)
    }()

    private static func read(_ file: String) -> SeedImage? {
        guard let data = FileManager.default.contents(atPath: file), data.starts(with: magic) else { return nil }
        let rest = data.dropFirst(magic.count)
        guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")),
              let header = parseHeader(String(decoding: rest[..<newline], as: UTF8.self)) else { return nil }
        let bytes = Data(rest[rest.index(after: newline)...])
        // A database file starts with this string; anything else is not one.
        guard bytes.starts(with: Data("SQLite format 3\0".utf8)) else { return nil }
        return SeedImage(image: DatabaseImage(bytes: bytes), clockColumns: header.columns, clockReads: header.reads)
    }

    private static func write(_ image: SeedImage, to file: String, in directory: String, name: String) {
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil else { return }
        var data = magic
        data.append(Data(header(image).utf8))
        data.append(UInt8(ascii: "\n"))
        data.append(image.image.bytes)
        // Written beside, then renamed: a concurrent start reads the old file or the new one.
        let partial = "\(file).\(getpid()).partial"
        guard FileManager.default.createFile(atPath: partial, contents: data) else { return }
        guard rename(partial, file) == 0 else { unlink(partial); return }
        let prefix = "seed-\(name)-"
        let own = (file as NSString).lastPathComponent
        for other in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where other.hasPrefix(prefix) && other.hasSuffix(".qtimage") && other != own {
            unlink(directory + "/" + other)
        }
    }
}
