// Writes a smaller copy of an ICU common-data package (the `icudtNNl.dat` that Foundation links
// in: 34 MB of the static binary's 70). What the emulator asks ICU for is the root and English
// locales (`Locale.current` is `en_001` in a container), time zones, normalization, collation
// roots and break rules; what it never asks for is ~800 other locales, legacy code-page
// converters (it only speaks UTF-8), dictionary word-breaking for CJK/Thai scripts and
// transliteration. ICU falls back to root for a locale it does not hold, as for any locale it
// does not know, so a trimmed package answers the same for everything the emulator does.
//
//   swiftc -O scripts/static/TrimICUData.swift -o trim && ./trim full.dat trimmed.dat
//
// The package format (ICU's `ucmndata.h`): a data header (its size in the first two bytes),
// then a table of contents: an item count and, per item, the offsets of its name and its data,
// both counted from the start of the table. Items keep their order (ICU binary-searches names).
import Foundation

struct Item {
    var name: String
    var data: Data
}

func readPackage(_ bytes: Data) throws -> (header: Data, items: [Item]) {
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    guard bytes.count > 32, bytes[2] == 0xda, bytes[3] == 0x27 else { throw Failure("not an ICU data package") }
    let headerSize = u16(0)
    guard bytes.subdata(in: 12..<16) == Data("CmnD".utf8), bytes[8] == 0 else {
        throw Failure("not a little-endian common-data package (CmnD)")
    }
    let toc = headerSize
    let count = u32(toc)
    guard count > 0, toc + 4 + 8 * count <= bytes.count else { throw Failure("table of contents out of range") }
    var items: [Item] = []
    for index in 0..<count {
        let nameStart = toc + u32(toc + 4 + 8 * index)
        let dataStart = toc + u32(toc + 8 + 8 * index)
        let dataEnd = index + 1 < count ? toc + u32(toc + 8 + 8 * (index + 1)) : bytes.count
        guard let nameEnd = bytes[nameStart...].firstIndex(of: 0), dataStart <= dataEnd, dataEnd <= bytes.count,
              let name = String(data: bytes.subdata(in: nameStart..<nameEnd), encoding: .utf8) else {
            throw Failure("item \(index) out of range")
        }
        items.append(Item(name: name, data: bytes.subdata(in: dataStart..<dataEnd)))
    }
    return (bytes.subdata(in: 0..<headerSize), items)
}

/// Which items the emulator keeps: see the file comment.
func keeps(_ name: String) -> Bool {
    let path = name.split(separator: "/", maxSplits: 1).last.map(String.init) ?? name
    let tree = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : ""
    let leaf = path.split(separator: "/").last.map(String.init) ?? path
    let base = leaf.split(separator: ".").first.map(String.init) ?? leaf
    let ext = leaf.contains(".") ? String(leaf[leaf.index(after: leaf.lastIndex(of: ".") ?? leaf.startIndex)...]) : ""
    let keptLocales: Set<String> = ["root", "en", "en_US", "en_US_POSIX", "en_001", "pool", "res_index"]
    switch (tree, ext) {
    case ("translit", _): return base != "root" && keptLocales.contains(base)
    case (_, "cnv"), (_, "dict"): return false
    case (_, "res"): return keptLocales.contains(base) || !isLocaleName(base)
    default: return true
    }
}

/// `fr`, `zh_Hant_TW`, `sr_Latn`: a language code, then subtags. Data files that are not
/// locales have longer or camel-case names (`supplementalData`, `zoneinfo64`, `metaZones`).
func isLocaleName(_ base: String) -> Bool {
    let parts = base.split(separator: "_", omittingEmptySubsequences: false)
    guard let language = parts.first, (2...3).contains(language.count),
          language.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
    return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
}

func writePackage(header: Data, items: [Item]) -> Data {
    func le32(_ value: Int) -> Data { withUnsafeBytes(of: UInt32(value).littleEndian) { Data($0) } }
    func padded(_ count: Int) -> Int { (count + 15) & ~15 }
    let names = items.map { Data($0.name.utf8) + Data([0]) }
    let tableSize = 4 + 8 * items.count
    var nameOffset = tableSize
    var dataOffset = padded(tableSize + names.reduce(0) { $0 + $1.count })
    var table = le32(items.count)
    for (item, name) in zip(items, names) {
        table += le32(nameOffset) + le32(dataOffset)
        nameOffset += name.count
        dataOffset += padded(item.data.count)
    }
    var out = header + table
    names.forEach { out += $0 }
    out += Data(count: padded(out.count - header.count) - (out.count - header.count))
    for item in items { out += item.data + Data(count: padded(item.data.count) - item.data.count) }
    return out
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: TrimICUData FULL.dat TRIMMED.dat\n".utf8))
    exit(2)
}
do {
    let input = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let package = try readPackage(input)
    let kept = package.items.filter { keeps($0.name) }
    let out = writePackage(header: package.header, items: kept)
    try out.write(to: URL(fileURLWithPath: arguments[2]))
    print("ICU data: kept \(kept.count) of \(package.items.count) items, \(out.count) of \(input.count) bytes")
} catch {
    FileHandle.standardError.write(Data("TrimICUData: \(error)\n".utf8))
    exit(1)
}
