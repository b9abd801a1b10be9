import Foundation

/// What a field's `data_type` number means (qTest's field editor codes), and which of them a
/// custom field may be created with.
///
/// The number decides how a value is checked on write and how it reads back: lookups take
/// allowed-value ids (`"501"`, `"[1,2]"` when multiple), user lists take user ids, dates take
/// ISO dates, numbers take numbers; text takes anything.
///
/// ```swift
/// FieldDataType(code: 17)?.isMultiple // true (multiple selection combo box)
/// FieldDataType(code: 3)?.attributeType // "Number": a lookup stores the allowed value's id
/// ```
public enum FieldDataType: Int, Sendable, CaseIterable {
    case textBox = 1, textArea = 2, comboBox = 3, datePicker = 4, userList = 5, richText = 6, number = 7, checkBox = 8
    case dateTimePicker = 9, url = 12
    /// System lookups qTest keeps apart from editable combo boxes (Execution Type).
    case systemComboBox = 13
    case multipleComboBox = 17

    /// Nil for a code qTest does not have.
    public init?(code: Int) { self.init(rawValue: code) }

    /// The codes a custom field may be created with (13 is system-only).
    public static let creatable: [FieldDataType] = [.textBox, .textArea, .comboBox, .datePicker, .userList, .richText, .number,
                                                    .checkBox, .dateTimePicker, .url, .multipleComboBox]

    /// The codes a test-step field may be created with (qTest allows rich text, combo box and user list there).
    public static let creatableOnTestSteps: [FieldDataType] = [.richText, .comboBox, .userList]

    /// Values are allowed-value ids.
    public var isLookup: Bool { self == .comboBox || self == .systemComboBox || self == .checkBox || self == .multipleComboBox }

    /// A value may hold several ids (`"[1,2]"`). User lists always may: qTest writes even one
    /// user as `"[123]"`, and clients send several.
    public var isMultiple: Bool { self == .checkBox || self == .multipleComboBox || self == .userList }

    /// The storage type qTest reports as `attribute_type`.
    public var attributeType: String {
        switch self {
        case .textBox, .textArea, .richText, .url: "Text"
        case .comboBox, .systemComboBox, .number: "Number"
        case .checkBox, .multipleComboBox: "ArrayNumber"
        case .datePicker: "Date"
        case .dateTimePicker: "DateTime"
        case .userList: "UserList"
        }
    }

    /// The codes as a readable list for error messages.
    static func describe(_ types: [FieldDataType]) -> String { types.map { String($0.rawValue) }.joined(separator: ", ") }
}

/// How one field's values are checked, from its stored definition. Seeds may carry attribute
/// types without a data type qTest would use, so both are consulted.
struct FieldValueKind: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case text, number, date, user, lookup }
    var kind: Kind
    var multiple: Bool

    init(_ field: FieldRecord) {
        let type = FieldDataType(code: field.dataType)
        let attribute = field.attributeType.lowercased()
        // `constrained` decides, not the code: a system field such as Target Release/Build is a
        // combo box over other objects, not over allowed values.
        if field.constrained {
            kind = .lookup
        } else if attribute.hasPrefix("user") || type == .userList {
            kind = .user
        } else if attribute.hasPrefix("date") || type == .datePicker || type == .dateTimePicker {
            kind = .date
        } else if type == .number {
            kind = .number
        } else {
            kind = .text
        }
        multiple = field.multiple || type?.isMultiple == true || attribute.hasPrefix("array") || kind == .user
    }
}
