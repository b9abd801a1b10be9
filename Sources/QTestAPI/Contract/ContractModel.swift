/// One object shape of the contract: its keys in wire order with their types, and which the
/// clients require.
struct ContractModel: Sendable {
    let name: String
    /// What it is, in this project's words (may be empty).
    let about: String
    /// The keys qTest's clients know, in order.
    let keys: [(name: String, slot: ContractSlot)]
    /// Keys the emulator sends beyond the clients' models (so the check of unknown keys passes
    /// them), with why it sends them.
    let extraKeys: [(name: String, slot: ContractSlot)]
    let extraReason: String
    /// Whether keys outside `keys` and `extraKeys` are expected (a base type such as
    /// `ResourceSupport`, whose instances are every kind of artifact).
    let isOpen: Bool

    /// The model's OpenAPI schema. `additionalProperties` stays open in the published document
    /// (clients must tolerate new keys); the response check closes it (``ResponseContract``)
    /// unless the model says it is open.
    var schema: JSON {
        var properties: [(String, JSON)] = keys.map { ($0.name, $0.slot.type.schema) }
        for key in extraKeys {
            // An extra key that the clients' model has too replaces its type: the emulator's
            // answer differs there on purpose (the reason says why).
            let schema = key.slot.type.schema.setting("x-emulator", .string(extraReason))
            if let index = properties.firstIndex(where: { $0.0 == key.name }) { properties[index].1 = schema }
            else { properties.append((key.name, schema)) }
        }
        var members: [(String, JSON)] = [("type", "object")]
        if !about.isEmpty { members.append(("description", .string(about))) }
        members.append(("properties", .object(properties)))
        let overridden = Set(extraKeys.map(\.name))
        let required = (keys.filter { !overridden.contains($0.name) } + extraKeys).filter(\.slot.required).map { JSON.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        if isOpen { members.append(("additionalProperties", true)) }
        return .object(members)
    }
}
