/// A field as a request gives it (`FieldInputResource`, or a `FieldResource` body): every member
/// optional, nil meaning "not sent" (keep the stored value on update).
public struct FieldInput: Sendable, Equatable {
    public var id: Int64?
    public var label: String?
    public var dataType: Int?
    public var required: Bool?
    public var order: Int?
    public var multiple: Bool?
    public var searchable: Bool?
    public var defaultValue: String?
    public var isActive: Bool?
    public var allowedValues: [AllowedValueInput]?
    /// Creates an input.
    public init(id: Int64? = nil, label: String? = nil, dataType: Int? = nil, required: Bool? = nil, order: Int? = nil,
                multiple: Bool? = nil, searchable: Bool? = nil, defaultValue: String? = nil, isActive: Bool? = nil,
                allowedValues: [AllowedValueInput]? = nil) {
        self.id = id; self.label = label; self.dataType = dataType; self.required = required; self.order = order
        self.multiple = multiple; self.searchable = searchable; self.defaultValue = defaultValue; self.isActive = isActive
        self.allowedValues = allowedValues
    }
}

/// An allowed value as a request gives it (`AllowedValueInputResource` / `AllowedValueResource`).
/// `value` nil = a new value (its id is allocated).
public struct AllowedValueInput: Sendable, Equatable {
    public var value: Int64?
    public var label: String?
    public var order: Int?
    public var isDefault: Bool?
    public var isActive: Bool?
    public var color: String?
    /// Creates an input.
    public init(value: Int64? = nil, label: String? = nil, order: Int? = nil, isDefault: Bool? = nil, isActive: Bool? = nil, color: String? = nil) {
        self.value = value; self.label = label; self.order = order; self.isDefault = isDefault; self.isActive = isActive; self.color = color
    }
}
