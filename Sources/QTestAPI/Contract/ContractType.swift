/// The small type language of the contract data (`Contract/Data/*.swift`), one string per key,
/// so that a model reads like the JSON it describes:
///
///     "id": "integer"                  // optional
///     "name": "string!"                // `!`: required (present and not null)
///     "links": "Link[]"                // an array of a model
///     "properties": "PropertyResource[]!"
///     "field_values": "map<string>"    // an object with free keys
///     "created_date": "date-time"      // an RFC 3339 string
///     "additionalInfo": "any"          // any JSON
///     "200": "binary"                  // (answers only) bytes that are not JSON
///     "200": "text/html"               // (answers only) text of that media type (the dashboard)
///
/// Anything else is the name of a model in the catalog.
indirect enum ContractType: Equatable, Sendable {
    case string, integer, number, boolean, dateTime, date, any, binary
    /// Text of a media type other than JSON (`text/html`, `text/css`).
    case media(String)
    case model(String)
    case array(ContractType)
    case map(ContractType)

    /// Reads a type without its `!`; nil for text that is not one (a test reports those).
    init?(_ text: Substring) {
        if text.hasSuffix("[]") {
            guard let element = ContractType(text.dropLast(2)) else { return nil }
            self = .array(element)
            return
        }
        if text.hasPrefix("map<"), text.hasSuffix(">") {
            guard let value = ContractType(text.dropFirst(4).dropLast()) else { return nil }
            self = .map(value)
            return
        }
        switch text {
        case "string": self = .string
        case "integer": self = .integer
        case "number": self = .number
        case "boolean": self = .boolean
        case "date-time": self = .dateTime
        case "date": self = .date
        case "any": self = .any
        case "binary": self = .binary
        default:
            if let slash = text.firstIndex(of: "/") {
                let token = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) } }
                guard token(text[..<slash]), token(text[text.index(after: slash)...]) else { return nil }
                self = .media(String(text))
                return
            }
            guard let first = text.first, first.isLetter, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            self = .model(String(text))
        }
    }

    /// The models this type names, for the catalog's dangling-reference check.
    var modelNames: [String] {
        switch self {
        case let .model(name): return [name]
        case let .array(element), let .map(element): return element.modelNames
        default: return []
        }
    }

    /// The OpenAPI 3.0 schema of this type; models are `$ref`s to `components/schemas`.
    var schema: JSON {
        switch self {
        case .string: return ["type": "string"]
        case .integer: return ["type": "integer", "format": "int64"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .dateTime: return ["type": "string", "format": "date-time"]
        case .date: return ["type": "string", "format": "date"]
        case .any: return [:]
        case .binary: return ["type": "string", "format": "binary"]
        case .media: return ["type": "string"]
        case let .model(name): return ["$ref": .string("#/components/schemas/\(name)")]
        case let .array(element): return ["type": "array", "items": element.schema]
        case let .map(value): return ["type": "object", "additionalProperties": value.schema]
        }
    }
}

/// A type with its required flag: `"string!"`.
struct ContractSlot: Equatable, Sendable {
    let type: ContractType
    let required: Bool

    init(type: ContractType, required: Bool) {
        self.type = type
        self.required = required
    }

    init?(_ text: String) {
        let required = text.hasSuffix("!")
        guard let type = ContractType(required ? text.dropLast() : Substring(text)) else { return nil }
        self.init(type: type, required: required)
    }
}
