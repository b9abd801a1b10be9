import Foundation
import HTTPServer

/// Typed access to a request's path, query and body, shared by every kind of handler input
/// (``RequestContext``, ``ProjectRequest``): bad values are 400s with a message.
public protocol RequestReading: Sendable {
    var request: HTTPRequest { get }
}

extension RequestReading {
    /// `http://host:port` as the client addressed us, for the absolute `links` and `web_url`
    /// values qTest returns.
    public var baseURL: String {
        let host = request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        return "http://\(host)"
    }

    // MARK: Path parameters

    /// A numeric path parameter such as `{projectId}`. Non-numeric values are a 400.
    public func pathID(_ name: String) throws -> Int64 {
        let raw = request.pathParameters[name] ?? ""
        guard let id = Int64(raw) else { throw APIError.badRequest("Invalid \(name): '\(raw)'") }
        return id
    }

    public func pathString(_ name: String) -> String { request.pathParameters[name] ?? "" }

    // MARK: Query parameters

    public func queryString(_ name: String) -> String? {
        guard let v = request.query[name], !v.isEmpty else { return nil }
        return v
    }

    public func queryInt(_ name: String) throws -> Int64? {
        guard let raw = queryString(name) else { return nil }
        guard let v = Int64(raw.trimmingCharacters(in: .whitespaces)) else {
            throw APIError.badRequest("Query parameter '\(name)' must be an integer")
        }
        return v
    }

    /// Booleans arrive as `true`/`false` and, from Python clients, `True`/`False`.
    public func queryBool(_ name: String) throws -> Bool? {
        guard let raw = queryString(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("Query parameter '\(name)' must be true or false")
        }
    }

    /// All values of a repeated key, also splitting comma lists (`ids=1,2&ids=3`).
    public func queryList(_ name: String) -> [String] {
        request.query.values(name).flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    public func queryIDs(_ name: String) throws -> [Int64] {
        try queryList(name).map {
            guard let id = Int64($0) else { throw APIError.badRequest("Query parameter '\(name)' must list integers") }
            return id
        }
    }

    // MARK: Body

    /// The JSON body; an empty body is a 400 because every caller of this needs one.
    public func jsonBody() throws -> JSON {
        guard !request.body.isEmpty else { throw APIError.badRequest("Request body is required") }
        return try JSON.parse(request.body)
    }

    /// The JSON body, or `.null` when there is none.
    public func optionalJSONBody() throws -> JSON {
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        return try JSON.parse(request.body)
    }

    /// Form parameters from an `application/x-www-form-urlencoded` body merged over the query
    /// string: the Jenkins plugin sends the OAuth grant in the query with an empty body.
    public func formParameter(_ name: String) -> String? {
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        if !request.body.isEmpty, !contentType.contains("json") {
            let form = QueryParameters.parse(Substring(String(decoding: request.body, as: UTF8.self)))
            if let v = form[name], !v.isEmpty { return v }
        }
        if contentType.contains("json"), let body = try? JSON.parse(request.body), let v = try? body.optionalString(name) {
            return v
        }
        return queryString(name)
    }
}
