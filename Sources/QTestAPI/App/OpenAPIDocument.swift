import Foundation

/// An OpenAPI 3 description of the emulator's own route table: every path, method and path
/// parameter it answers, with the auth it requires and the error shapes it uses.
///
/// It describes what *this* server implements (so tools such as schemathesis or an API client
/// generator can be pointed at it); the bodies are qTest's and are documented by the vendor.
/// `openapi/qtest-emulator.json` is this document, checked by a test to stay in step.
enum OpenAPIDocument {
    static func make(routes: [(method: String, pattern: String)]) -> JSON {
        var paths: [(String, JSON)] = []
        for pattern in orderedUnique(routes.map(\.pattern)) {
            let methods = routes.filter { $0.pattern == pattern }.map(\.method)
            let operations: [(String, JSON)] = methods.map { method in
                (method.lowercased(), operation(method: method, pattern: pattern))
            }
            paths.append((pattern, .object(operations)))
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "qtest-emulator",
                "version": "1",
                "description": "Routes served by qtest-emulator, a stateful test double of the qTest Manager REST API. Generated from the route table by `qtest-emulator openapi`.",
            ],
            "servers": [["url": "http://127.0.0.1:8080"]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "token": ["type": "apiKey", "in": "header", "name": "Authorization",
                              "description": "`Bearer <token>`, `bearer <token>` or the bare token"],
                    "basic": ["type": "http", "scheme": "basic", "description": "Any client name, e.g. `my-client:`"],
                ],
                "schemas": [
                    "Message": ["type": "object", "properties": ["message": ["type": "string"]], "required": ["message"]],
                    "OAuthError": ["type": "object", "properties": ["error": ["type": "string"], "error_description": ["type": "string"]]],
                ],
            ],
        ]
    }

    static func operation(method: String, pattern: String) -> JSON {
        let names = pattern.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        let parameters: [JSON] = names.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": .string(isNumeric(name) ? "integer" : "string")]]
        }
        let isOpen = pattern == "/oauth/token" || pattern == "/version" || pattern.hasPrefix("/__emulator/")
        var responses: [(String, JSON)] = [("default", ["description": "Success; the body is the qTest resource for this operation"])]
        let message: JSON = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Message"]]]]
        if pattern == "/oauth/token" {
            responses.append(("400", ["description": "Bad grant", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/OAuthError"]]]]))
            responses.append(("401", ["description": "Bad credentials or Authorization header", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/OAuthError"]]]]))
        } else if !isOpen {
            responses.append(("400", .object([("description", "Malformed request")] + (message.objectValue ?? []))))
            responses.append(("401", ["description": "Missing, unknown or expired token"]))
            if pattern.contains("{projectId}") {
                responses.append(("403", .object([("description", "Caller not assigned to the project")] + (message.objectValue ?? []))))
            }
            responses.append(("404", .object([("description", "Unknown object")] + (message.objectValue ?? []))))
        }
        var op: [(String, JSON)] = [
            ("operationId", .string(operationID(method: method, pattern: pattern))),
            ("parameters", .array(parameters)),
            ("responses", .object(responses)),
        ]
        if pattern == "/oauth/token" { op.append(("security", [["basic": []]])) }
        else if !isOpen { op.append(("security", [["token": []]])) }
        else { op.append(("security", [])) }
        return .object(op)
    }

    /// Path parameters that hold numeric ids.
    static func isNumeric(_ name: String) -> Bool {
        name.hasSuffix("Id") && name != "idOrKey" || name == "id" || name == "value"
    }

    /// `GET /api/v3/projects/{projectId}` → `get_api_v3_projects_projectId`.
    static func operationID(method: String, pattern: String) -> String {
        let words = pattern.split(separator: "/").map { $0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "") }
        let cleaned = words.map { $0.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() }
        return ([method.lowercased()] + cleaned).joined(separator: "_")
    }

    static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

extension EmulatorApp {
    /// The OpenAPI document of the route table, as pretty-printed JSON text.
    public static func openAPIText() -> String {
        let compact = OpenAPIDocument.make(routes: routeList()).serialized()
        guard let object = try? JSONSerialization.jsonObject(with: compact),
              let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return String(decoding: compact, as: UTF8.self)
        }
        return String(decoding: pretty, as: UTF8.self) + "\n"
    }
}
