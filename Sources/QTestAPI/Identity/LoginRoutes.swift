import Foundation
import HTTPServer
import QTestStore

/// LoginApi: `POST /oauth/token` and `GET /oauth/status`, plus `POST /oauth/revoke`, which
/// the vendor documents beside them.
enum LoginRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("POST", "/oauth/token", access: .open) { context in
            try token(context, app: app)
        }
        table.site("GET", "/oauth/status") { context in
            guard let status = try app.read({ db in try Tokens.status(db, context.caller.token, at: context.now) }) else {
                throw APIError.unauthorized("Invalid access token")
            }
            return .json(200, ["expiration": .int(status.expiration), "validityInMilliseconds": .int(status.validityInMilliseconds)] as JSON)
        }
        table.site("POST", "/oauth/revoke") { context in
            _ = try context.write { db in try Tokens.revoke(db, context.caller.token) }
            return .okMessage("Token revoked")
        }
    }

    /// Both grants. Parameters come from the form body or the query string (the Jenkins
    /// plugin sends `?grant_type=refresh_token&refresh_token=…` with an empty body).
    static func token(_ context: some RequestReading, app: EmulatorContext) throws -> HTTPResponse {
        let grant = (try parameter(context, "grant_type") ?? "password").lowercased()
        // Clients put a site name, a user name or `jenkins:<secret>` in Basic credentials; the
        // value itself is not checked, but for a password grant it must be present and well
        // formed. A refresh grant is authenticated by its token alone: the Jenkins plugin
        // (2024.3) sends the user's "App Secret Key" field verbatim, which need only start with
        // `Basic `, and pipeline scripts written for older versions send an empty header.
        guard grant == "refresh_token" || isWellFormedBasic(context.request.headers["Authorization"]) else {
            throw APIError.oauth(status: 401, error: "unauthorized", description: "Missing or invalid Authorization header value")
        }
        let agent = context.request.headers["User-Agent"]
        let issued: IssuedToken
        switch grant {
        case "password":
            guard let username = try parameter(context, "username"), let password = try parameter(context, "password") else {
                throw APIError.oauth(status: 400, error: "invalid_request", description: "username and password are required")
            }
            issued = try app.write { db in
                guard let user = try Users.verifyPassword(db, username: username, password: password), user.status != 2 else {
                    throw APIError.oauth(status: 401, error: "unauthorized", description: "Bad credentials")
                }
                return try Tokens.issue(db, userId: user.id, agent: agent, at: app.now, makeToken: app.control.makeToken)
            }
        case "refresh_token":
            guard let refresh = try parameter(context, "refresh_token") else {
                throw APIError.oauth(status: 400, error: "invalid_request", description: "refresh_token is required")
            }
            do {
                issued = try app.write { db in try Tokens.refresh(db, refreshToken: refresh, agent: agent, at: app.now, makeToken: app.control.makeToken) }
            } catch let error as StoreError where error.kind == .badRequest {
                throw APIError.oauth(status: 400, error: "invalid_grant", description: error.message)
            }
        default:
            throw APIError.oauth(status: 400, error: "unsupported_grant_type", description: "Invalid refresh token or grant type")
        }
        let body: JSON = [
            "access_token": .string(issued.accessToken),
            "token_type": .string(issued.tokenType),
            "refresh_token": .string(issued.refreshToken),
            "scope": .string(issued.scope),
            "agent": .optional(issued.agent),
            "expires_in": .number(issued.expiresIn),
        ]
        return .json(200, body)
    }

    /// A grant parameter. One holding NUL (`%00` in a form) is refused: SQLite would compare
    /// only what precedes it, so `admin%00anything` would sign in as `admin`.
    static func parameter(_ context: some RequestReading, _ name: String) throws -> String? {
        guard let value = context.formParameter(name) else { return nil }
        guard !value.unicodeScalars.contains("\0") else {
            throw APIError.oauth(status: 400, error: "invalid_request", description: "\(name) must not contain the NUL character")
        }
        return value
    }

    /// `Basic <base64 of something containing a colon>`.
    static func isWellFormedBasic(_ header: String?) -> Bool {
        guard let header else { return false }
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return false }
        var encoded = parts[1].trimmingCharacters(in: .whitespaces)
        // Some clients drop the base64 padding.
        while encoded.count % 4 != 0 { encoded += "=" }
        guard let decoded = Data(base64Encoded: encoded), let text = String(data: decoded, encoding: .utf8) else { return false }
        return text.contains(":")
    }
}
