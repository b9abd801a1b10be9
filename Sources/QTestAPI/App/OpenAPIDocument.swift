import Foundation

/// The OpenAPI 3 document of the emulated API, generated from the route table and the contract
/// data (``ContractCatalog``): every route the emulator serves with its parameters, request
/// body and answers, plus the scope operations it does not answer yet, marked
/// `x-emulator-implemented: false`.
///
/// `openapi/qtest-emulator.json` is this document (a test keeps it in step), `GET /openapi.json`
/// serves it, and the response check of the tests (``ResponseContract``) reads its schemas.
enum OpenAPIDocument {
    static func make(routes: [RouteInfo], catalog: ContractCatalog = .shared) -> JSON {
        // One spelling per path shape: OpenAPI forbids two templates that differ only in their
        // parameter names, and the router dispatches on the shape anyway.
        var spelling: [String: String] = [:]
        func pathKey(_ pattern: String) -> String {
            let shape = ContractOperation.shape(method: "", path: pattern)
            if let known = spelling[shape] { return known }
            spelling[shape] = pattern
            return pattern
        }
        var paths: [(String, [(String, JSON)])] = []
        func add(_ path: String, _ method: String, _ operation: JSON) {
            if let index = paths.firstIndex(where: { $0.0 == path }) { paths[index].1.append((method.lowercased(), operation)) }
            else { paths.append((path, [(method.lowercased(), operation)])) }
        }
        var routed = Set<String>()
        for route in routes {
            let path = pathKey(route.pattern)
            let contract = catalog.operation(method: route.method, pattern: route.pattern)
            routed.insert(ContractOperation.shape(method: route.method, path: route.pattern))
            add(path, route.method, operation(contract, method: route.method, path: path, access: route.access, implemented: true, catalog: catalog))
        }
        for contract in catalog.operations where contract.isScope && !routed.contains(contract.shape) {
            let path = pathKey(contract.path)
            add(path, contract.method, operation(contract, method: contract.method, path: path, access: .user, implemented: false, catalog: catalog))
        }
        var schemas: [(String, JSON)] = []
        for name in catalog.modelOrder { if let model = catalog.models[name] { schemas.append((name, model.schema)) } }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "qtest-emulator",
                "version": "1",
                "description": .string(summary),
            ],
            "servers": [["url": "http://127.0.0.1:8080"]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "securitySchemes": [
                    "token": ["type": "apiKey", "in": "header", "name": "Authorization",
                              "description": "`Bearer <token>`, `bearer <token>` or the bare token"],
                    "basic": ["type": "http", "scheme": "basic", "description": "Any client name, e.g. `my-client:`"],
                ],
                "schemas": .object(schemas),
            ],
        ]
    }

    static let summary = """
        The qTest Manager REST API as qtest-emulator serves it: the operations of its scope, with \
        qTest's models (keys, types and the keys clients require), and the emulator's own routes. \
        Operations marked `x-emulator-implemented: false` are part of the scope but not answered \
        yet. Generated from the route table by `qtest-emulator openapi`.
        """

    static func operation(_ contract: ContractOperation?, method: String, path: String, access: RouteAccess, implemented: Bool,
                          catalog: ContractCatalog = .shared) -> JSON {
        let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        var parameters: [JSON] = names.enumerated().map { index, name in
            // Types come from the data by position: the route may spell a parameter otherwise.
            let type = contract.flatMap { index < $0.pathParameters.count ? $0.pathParameters[index].type : nil } ?? .string
            var parameter: JSON = ["name": .string(name), "in": "path", "required": true, "schema": type.schema]
            if let example = catalog.parameterExamples[name] { parameter = parameter.setting("example", example) }
            return parameter
        }
        for (name, slot) in contract?.query ?? [] {
            parameters.append(parameter(name, in: "query", slot))
        }
        for (name, slot) in contract?.headers ?? [] {
            parameters.append(parameter(name, in: "header", slot))
        }
        var op: [(String, JSON)] = []
        if let contract {
            op.append(("tags", [.string(contract.tag)]))
            op.append(("operationId", .string(contract.name)))
            op.append(("summary", .string(contract.about)))
        } else {
            op.append(("tags", ["Undocumented"]))
            op.append(("operationId", .string(fallbackID(method: method, pattern: path))))
            op.append(("summary", "Served by the emulator; its contract data is not written yet."))
            op.append(("x-emulator-undocumented", true))
        }
        if !implemented {
            op.append(("description", "Part of the emulated scope but not answered yet: the emulator answers 404 or 405 until a route for it is registered."))
            op.append(("x-emulator-implemented", false))
        }
        op.append(("parameters", .array(parameters)))
        if let contract, let body = requestBody(contract) { op.append(("requestBody", body)) }
        op.append(("responses", responses(contract, access: access, path: path)))
        if contract?.errorModel == "OAuthError" { op.append(("security", [["basic": []]])) }
        else if access == .open { op.append(("security", [])) }
        else { op.append(("security", [["token": []]])) }
        return .object(op)
    }

    static func parameter(_ name: String, in place: String, _ slot: ContractSlot) -> JSON {
        var schema = slot.type.schema
        // Repeated keys (`ids=1&ids=2`) are how qTest clients send lists in a query.
        if case .array = slot.type { return ["name": .string(name), "in": .string(place), "required": .bool(slot.required), "schema": schema, "explode": true] }
        if place == "header" { schema = ContractType.string.schema }
        return ["name": .string(name), "in": .string(place), "required": .bool(slot.required), "schema": schema]
    }

    static func requestBody(_ contract: ContractOperation) -> JSON? {
        if !contract.form.isEmpty {
            let required = contract.form.filter(\.slot.required).map { JSON.string($0.name) }
            var schema: [(String, JSON)] = [("type", "object"), ("properties", .object(contract.form.map { ($0.name, $0.slot.type.schema) }))]
            if !required.isEmpty { schema.append(("required", .array(required))) }
            return ["required": false, "content": ["application/x-www-form-urlencoded": ["schema": .object(schema)]]]
        }
        guard let body = contract.body else { return nil }
        if body.type == .binary {
            return ["required": .bool(body.required), "content": [
                "application/octet-stream": ["schema": ContractType.binary.schema],
                "multipart/form-data": ["schema": ["type": "object", "properties": ["file": ContractType.binary.schema], "required": ["file"]]],
            ]]
        }
        return ["required": .bool(body.required), "content": ["application/json": ["schema": body.type.schema]]]
    }

    static func responses(_ contract: ContractOperation?, access: RouteAccess, path: String) -> JSON {
        var responses: [(String, JSON)] = []
        for (status, type) in contract?.answers ?? [] {
            var response: [(String, JSON)] = [("description", status.hasPrefix("2") ? "Success" : status.hasPrefix("3") ? "Redirect" : "Refused, with a page saying why")]
            switch type {
            case nil: break
            case .binary?: response.append(("content", ["application/octet-stream": ["schema": ContractType.binary.schema]]))
            case let .media(mediaType)?: response.append(("content", .object([(mediaType, ["schema": ContractType.media(mediaType).schema] as JSON)])))
            case let type?: response.append(("content", ["application/json": ["schema": type.schema]]))
            }
            responses.append((status, .object(response)))
        }
        if contract == nil { responses.append(("default", ["description": "The answer of this route (no schema yet)"])) }
        // An operation that declares an error status itself (the dashboard's HTML error pages)
        // keeps its own answer for it.
        let declared = Set(responses.map(\.0))
        func error(_ status: String, _ description: String, _ model: String) {
            guard !declared.contains(status) else { return }
            responses.append((status, ["description": .string(description), "content": ["application/json": ["schema": ContractType.model(model).schema]]]))
        }
        if contract?.errorModel == "OAuthError" {
            error("400", "Bad grant or missing parameters", "OAuthError")
            error("401", "Bad credentials or Authorization header", "OAuthError")
        } else if access == .open {
            // Open routes (the control plane, /version) refuse bad input like the others; the
            // control plane's token refusal is a 401 with a message.
            error("400", "Malformed request or a value the emulator refuses", "QTestError")
            error("404", "Unknown object", "QTestError")
            error("default", "Any other refusal", "QTestError")
        } else if access == .user {
            error("400", "Malformed request or a value the emulator refuses", "QTestError")
            error("401", "Missing, unknown or expired token", "TokenError")
            error("403", "The caller may not do this (not assigned to the project, or a missing permission)", "QTestError")
            error("404", "Unknown object", "QTestError")
            error("default", "Any other refusal (405, 413, 415, 503 …)", "QTestError")
        }
        return .object(responses)
    }

    /// `GET /api/v3/projects/{projectId}` → `get_api_v3_projects_projectId`, for routes without data.
    static func fallbackID(method: String, pattern: String) -> String {
        let words = pattern.split(separator: "/").map { $0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "") }
        let cleaned = words.map { $0.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        return ([method.lowercased()] + cleaned).joined(separator: "_")
    }
}

extension EmulatorApp {
    /// The OpenAPI document of the route table (built once: the route table is fixed).
    static let openAPIDocument: JSON = OpenAPIDocument.make(routes: routeInfo())

    /// The OpenAPI document as pretty-printed JSON text with sorted keys, as committed in
    /// `openapi/qtest-emulator.json` and served at `GET /openapi.json`.
    public static let openAPIDocumentText: String = {
        let compact = openAPIDocument.serialized()
        guard let object = try? JSONSerialization.jsonObject(with: compact),
              let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return String(decoding: compact, as: UTF8.self)
        }
        return String(decoding: pretty, as: UTF8.self) + "\n"
    }()

    /// The OpenAPI document, for `qtest-emulator openapi`.
    public static func openAPIText() -> String { openAPIDocumentText }
}
