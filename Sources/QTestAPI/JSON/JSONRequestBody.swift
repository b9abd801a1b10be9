import Foundation

extension JSON {
    /// Parses a request body. Any byte sequence is safe to pass: what is not acceptable JSON is
    /// an `APIError.badRequest` (400 `{"message": …}`) saying why.
    public static func parse(_ data: Data) throws -> JSON {
        var parser = JSONParser(bytes: [UInt8](data))
        do {
            return try parser.parseDocument()
        } catch {
            throw APIError.badRequest(message(for: error))
        }
    }

    static func message(for failure: JSONParser.Failure) -> String {
        switch failure {
        case let .syntax(offset):
            return "Request body is not valid JSON (at byte \(offset))"
        case .tooDeep:
            return "Request body nests arrays and objects more than \(JSONParser.maxDepth) levels deep"
        case let .nulCharacter(offset):
            // Refused rather than stored cut short: SQLite text bound from a Swift string ends
            // at the first NUL, so the value read back would silently lose everything after it.
            return "Request body has a NUL character (\\u0000) in a string (at byte \(offset)); strings must not contain NUL"
        }
    }
}
