import Foundation

/// JSON text kept in a column. Keys are sorted: JSONEncoder's key order is not stable, and seed
/// images, exports and deterministic runs compare stored rows byte for byte.
enum StoredJSON {
    static func text<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
