import Foundation

/// Checks a response against the OpenAPI document: the answer declared for its route and
/// status, its body against that answer's schema, with objects closed (a key the contract does
/// not know is a violation, see ``SchemaValidator``).
///
/// The test harness runs it on every response it receives; it could serve a strict mode of
/// the emulator too. It never traps: a document or body it cannot read is a violation.
public struct ResponseContract: Sendable {
    /// What an operation declares, by status (`"default"` for the error catch-all).
    struct Declared: Sendable {
        let responses: [String: JSON]
    }

    private let operations: [String: Declared]
    private let validator: SchemaValidator

    /// The contract of this build's emulator.
    public static let emulator = ResponseContract(document: EmulatorApp.openAPIDocument)

    init(document: JSON) {
        var operations: [String: Declared] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [] {
            for (method, operation) in item.objectValue ?? [] {
                var responses: [String: JSON] = [:]
                for (status, response) in operation["responses"]?.objectValue ?? [] { responses[status] = response }
                operations[ContractOperation.shape(method: method.uppercased(), path: path)] = Declared(responses: responses)
            }
        }
        self.operations = operations
        var components: [String: JSON] = [:]
        for (name, schema) in document["components"]?["schemas"]?.objectValue ?? [] { components[name] = schema }
        validator = SchemaValidator(components: components)
    }

    /// Whether the document has this route with schemas of its own (not the fallback of a
    /// route without contract data).
    public func describes(method: String, pattern: String) -> Bool {
        guard let declared = operations[ContractOperation.shape(method: method, path: pattern)] else { return false }
        return declared.responses["default"]?["content"] != nil || declared.responses.keys.contains { $0.hasPrefix("2") }
    }

    /// The ways a response breaks the contract; empty when it conforms.
    ///
    /// - Parameters:
    ///   - pattern: the route that answered (`Router.pattern(for:path:)`), nil when none did (a
    ///     404 or 405 of the router, which must still be a qTest error body).
    ///   - contentType: the response's `Content-Type`, to tell JSON from bytes.
    public func violations(method: String, pattern: String?, status: Int, contentType: String?, body: Data) -> [String] {
        let isJSON = contentType.map { $0.lowercased().hasPrefix("application/json") } ?? false
        guard let pattern else {
            return status >= 400 ? check(body, isJSON: isJSON, against: ContractType.model("QTestError").schema) : ["\(status) from no route"]
        }
        guard let declared = operations[ContractOperation.shape(method: method == "HEAD" ? "GET" : method, path: pattern)] else {
            return ["\(method) \(pattern) is not in the document"]
        }
        // A route without contract data has nothing to be held to (a test lists those).
        guard describes(method: method == "HEAD" ? "GET" : method, pattern: pattern) else { return [] }
        let response: JSON
        if let exact = declared.responses[String(status)] {
            response = exact
        } else if status >= 400, let fallback = declared.responses["default"] {
            response = fallback
        } else {
            let declaredStatuses = declared.responses.keys.sorted().joined(separator: ", ")
            return ["status \(status) is not declared (declared: \(declaredStatuses))"]
        }
        guard method != "HEAD", status != 204, status != 304 else { return [] }
        guard let content = response["content"]?.objectValue else {
            return body.isEmpty ? [] : ["status \(status) declares no body, but one came (\(body.count) bytes)"]
        }
        guard let json = content.first(where: { $0.0 == "application/json" })?.1 else {
            // Bytes (attachments, avatars): their schema says nothing about content. Text of a
            // declared media type (the dashboard's HTML) must at least say it is that type.
            let declaredTypes = content.map(\.0).filter { $0 != "application/octet-stream" }
            let actual = contentType?.lowercased() ?? ""
            guard !declaredTypes.isEmpty, !declaredTypes.contains(where: { actual.hasPrefix($0) }) else { return [] }
            return ["Content-Type \(contentType ?? "(none)") is not the declared \(declaredTypes.joined(separator: " or "))"]
        }
        return check(body, isJSON: isJSON, against: json["schema"] ?? [:])
    }

    private func check(_ body: Data, isJSON: Bool, against schema: JSON) -> [String] {
        guard isJSON else { return ["the body is not declared as application/json"] }
        var parser = JSONParser(bytes: [UInt8](body))
        let value: JSON
        do {
            value = try parser.parseDocument()
        } catch .tooDeep {
            // Trees answered 100 levels deep nest past the parser's bound; they are JSON (the
            // syntax was fine up to there) but are not checked.
            return []
        } catch {
            return ["the body is not JSON: \(String(decoding: body.prefix(80), as: UTF8.self))"]
        }
        return validator.violations(of: value, against: schema)
    }
}
