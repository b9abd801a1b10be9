import Foundation

/// The contract as data: qTest's models and the operations of the scope list
/// (``QTestModelData``, ``QTestOperationData``) plus the emulator's own routes
/// (``EmulatorContractData``), read once.
///
/// The OpenAPI document is generated from this and the route table, so a new route gets its
/// schemas by adding an entry to the data, not code. Data that does not read (a bad type, a
/// model that is not defined) is left out and listed in ``problems``, which a test keeps empty:
/// the data is compiled in, so a mistake in it must fail the tests, never the running server.
struct ContractCatalog: Sendable {
    let models: [String: ContractModel]
    /// Model names in data order (qTest's, then the emulator's).
    let modelOrder: [String]
    /// qTest's scope operations first, in data order, then the emulator's own.
    let operations: [ContractOperation]
    private let byShape: [String: Int]
    let problems: [String]
    /// Example values of parameters by name (``EmulatorContractData/parameterExamples``).
    let parameterExamples: [String: JSON]

    static let shared = ContractCatalog(models: [QTestModelData.json, EmulatorContractData.models],
                                        operations: [QTestOperationData.json, EmulatorContractData.operations])
    // The first operation text is the scope list's; ``ContractOperation/isScope`` tells them apart.

    /// The operation whose method and path shape are those of a route, if the data has it.
    func operation(method: String, pattern: String) -> ContractOperation? {
        byShape[ContractOperation.shape(method: method, path: pattern)].map { operations[$0] }
    }

    init(models modelTexts: [String], operations operationTexts: [String]) {
        var problems: [String] = []
        var models: [String: ContractModel] = [:]
        var order: [String] = []
        for text in modelTexts {
            guard case let .object(entries)? = try? JSON.parse(Data(text.utf8)) else {
                problems.append("model data is not a JSON object")
                continue
            }
            for (name, entry) in entries {
                guard let model = Self.model(name, entry, &problems) else { continue }
                if models[name] != nil { problems.append("model \(name) is defined twice") }
                else { order.append(name) }
                models[name] = model
            }
        }
        var operations: [ContractOperation] = []
        var byShape: [String: Int] = [:]
        for (textIndex, text) in operationTexts.enumerated() {
            guard let entries = (try? JSON.parse(Data(text.utf8)))?.arrayValue else {
                problems.append("operation data is not a JSON array")
                continue
            }
            for entry in entries {
                guard let operation = Self.operation(entry, isScope: textIndex == 0, &problems) else { continue }
                if byShape[operation.shape] != nil { problems.append("\(operation.shape) is described twice") }
                byShape[operation.shape] = operations.count
                operations.append(operation)
            }
        }
        // Every model named anywhere must exist.
        var named: [(String, [String])] = []
        for model in models.values {
            named.append(("model \(model.name)", (model.keys + model.extraKeys).flatMap(\.slot.type.modelNames)))
        }
        for operation in operations {
            var names = operation.answers.compactMap(\.type).flatMap(\.modelNames) + [operation.errorModel]
            if let body = operation.body { names += body.type.modelNames }
            named.append(("\(operation.method) \(operation.path)", names))
        }
        for (owner, names) in named {
            for name in names where models[name] == nil { problems.append("\(owner) names model \(name), which is not defined") }
        }
        self.models = models
        self.modelOrder = order
        self.operations = operations
        self.byShape = byShape
        var examples: [String: JSON] = [:]
        if case let .object(members)? = try? JSON.parse(Data(EmulatorContractData.parameterExamples.utf8)) {
            for (name, value) in members { examples[name] = value }
        } else {
            problems.append("parameter examples are not a JSON object")
        }
        self.parameterExamples = examples
        self.problems = problems.sorted()
    }

    private static func model(_ name: String, _ entry: JSON, _ problems: inout [String]) -> ContractModel? {
        guard entry.objectValue != nil else {
            problems.append("model \(name) is not an object")
            return nil
        }
        return ContractModel(name: name, about: entry["about"]?.stringValue ?? "",
                             keys: slots(entry["keys"], "model \(name)", &problems),
                             extraKeys: slots(entry["extra"], "model \(name) extra", &problems),
                             extraReason: entry["why"]?.stringValue ?? "",
                             isOpen: entry["open"]?.boolValue ?? false)
    }

    private static func operation(_ entry: JSON, isScope: Bool, _ problems: inout [String]) -> ContractOperation? {
        let route = entry["route"]?.stringValue ?? ""
        let parts = route.split(separator: " ")
        guard parts.count == 2, let method = parts.first, let path = parts.last, path.hasPrefix("/") else {
            problems.append("operation with route '\(route)' is not `METHOD /path`")
            return nil
        }
        let owner = route
        var pathParameters: [(name: String, type: ContractType)] = []
        let declared = slots(entry["path"], owner + " path", &problems)
        for segment in path.split(separator: "/") where segment.hasPrefix("{") && segment.hasSuffix("}") {
            let name = String(segment.dropFirst().dropLast())
            pathParameters.append((name, declared.first { $0.name == name }?.slot.type ?? .string))
        }
        var body: ContractSlot?
        if let text = entry["body"]?.stringValue {
            body = ContractSlot(text)
            if body == nil { problems.append("\(owner) body type '\(text)' does not read") }
        }
        var answers: [(status: String, type: ContractType?)] = []
        for (status, value) in entry["answers"]?.objectValue ?? [] {
            if value.isNull { answers.append((status, nil)); continue }
            guard let text = value.stringValue, let slot = ContractSlot(text) else {
                problems.append("\(owner) answer \(status) does not read")
                continue
            }
            answers.append((status, slot.type))
        }
        if answers.isEmpty { problems.append("\(owner) has no answers") }
        return ContractOperation(method: String(method), path: String(path), tag: entry["tag"]?.stringValue ?? "Emulator",
                                 name: entry["name"]?.stringValue ?? "", about: entry["about"]?.stringValue ?? "",
                                 pathParameters: pathParameters,
                                 query: slots(entry["query"], owner + " query", &problems),
                                 headers: slots(entry["headers"], owner + " headers", &problems),
                                 form: slots(entry["form"], owner + " form", &problems),
                                 body: body, answers: answers,
                                 errorModel: entry["errors"]?.stringValue ?? "QTestError", isScope: isScope)
    }

    /// `{"key": "type", …}` in order; a missing map is empty.
    private static func slots(_ value: JSON?, _ owner: String, _ problems: inout [String]) -> [(name: String, slot: ContractSlot)] {
        guard let value, !value.isNull else { return [] }
        guard let members = value.objectValue else {
            problems.append("\(owner) is not an object")
            return []
        }
        return members.compactMap { key, type in
            guard let text = type.stringValue, let slot = ContractSlot(text) else {
                problems.append("\(owner): key \(key) has a type that does not read")
                return nil
            }
            return (key, slot)
        }
    }
}
