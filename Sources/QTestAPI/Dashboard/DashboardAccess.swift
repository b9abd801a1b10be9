import Foundation
import HTTPServer

/// Who may see the dashboard: the same people as the control plane. Without
/// `--control-token` anyone who reaches the emulator; with one, a request must carry it,
/// like every control route, as `Authorization: Bearer <token>` or, since a browser cannot
/// add a header to a link it follows, in the dashboard's cookie. The cookie is set by the
/// login form (`POST ui/login`), which the dashboard shows instead of a page when the token is
/// missing; it is `HttpOnly` and `SameSite=Lax`, and its path is the dashboard's own folder
/// (the browser derives it from the form's URL, so it is right behind a path prefix too).
/// `Lax` rather than `Strict` so that a link to a page (from a CI job's log, say) opens it:
/// the cookie only ever opens read-only pages, since everything that changes state (the
/// control buttons) sends the token as a header, which another site cannot make a browser add.
/// `--control off` removes the dashboard with the rest of the control plane.
///
/// Two files need no token: the stylesheet and the script are the same for everyone, and the
/// login page uses the stylesheet.
enum DashboardAccess {
    static let cookieName = "qtest_emulator_control"
    static let root = "/__emulator/ui"

    /// Whether `path` (normalized) is a dashboard page.
    static func isDashboard(_ path: String) -> Bool { path == root || path.hasPrefix(root + "/") }

    /// Whether the request may go on without the token: the login form (it checks the token
    /// itself) and the two static files.
    static func isPublic(_ request: HTTPRequest) -> Bool {
        switch request.path {
        case root + "/login": request.method == "POST"
        case root + "/dashboard.css", root + "/dashboard.js": true
        default: false
        }
    }

    /// The token in the dashboard's cookie, if the request has one.
    static func cookieToken(_ headers: HTTPHeaders) -> String? {
        for header in headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix(cookieName + "=") else { continue }
                return String(trimmed.dropFirst(cookieName.count + 1)).removingPercentEncoding
            }
        }
        return nil
    }

    /// The `Set-Cookie` value that carries `token` (percent-encoded: a token may hold any
    /// character, a cookie value may not).
    static func cookie(for token: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let value = token.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "\(cookieName)=\(value); HttpOnly; SameSite=Lax"
    }

    /// The answer to a dashboard request without the token: the login page, 401.
    static func refusal(_ request: HTTPRequest) -> HTTPResponse {
        loginPage(target: request.target, next: next(forTarget: request.target), message: nil)
    }

    /// The page after the dashboard root that `target` asks for (`projects/108781?page=2`),
    /// for the login form to return to.
    static func next(forTarget target: String) -> String {
        guard let range = target.range(of: "/ui/") else { return "./" }
        return safeNext(String(target[range.upperBound...]))
    }

    /// `next` if it is a path inside the dashboard, else `./`: the login form's redirect must
    /// never lead off it (no scheme, no `//host`, no leading `/`, no `..`, no backslash).
    static func safeNext(_ next: String?) -> String {
        guard let next, !next.isEmpty, next.count <= 2_000 else { return "./" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%+")
        guard next.allSatisfy(allowed.contains), !next.hasPrefix("/"), !next.contains("//"),
              !next.split(separator: "/").contains(where: { $0 == ".." || $0.hasPrefix("..?") }) else { return "./" }
        return next
    }

    /// `POST ui/login` with the form fields `token` and `next`: the right token sets the cookie
    /// and returns to `next` (303); a wrong one shows the form again (401).
    static func login(_ context: RequestContext, app: EmulatorContext) -> HTTPResponse {
        let next = safeNext(context.formParameter("next"))
        guard let token = app.control.token else { return redirect(to: next) }
        guard context.formParameter("token") == token else {
            return loginPage(target: context.request.target, next: next, message: "That is not the control token.")
        }
        var response = redirect(to: next)
        response.headers["Set-Cookie"] = cookie(for: token)
        return response
    }

    /// A 303 to `location`, relative to the dashboard root (the login route is at that level).
    static func redirect(to location: String, status: Int = 303) -> HTTPResponse {
        var response = DashboardPage.respond(status, contentType: nil, Data())
        response.headers["Location"] = location
        return response
    }

    static func loginPage(target: String, next: String, message: String?) -> HTTPResponse {
        let base = DashboardRequest.base(forTarget: target) ?? "ui/"
        let notice: HTML = message.map { "<div class=\"notice error\">\($0)</div>" } ?? .empty
        let html: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><base href="\(base)"><title>Control token · qtest-emulator</title>
            <link rel="stylesheet" href="dashboard.css"></head>
            <body><header><nav><span class="brand">qtest-emulator</span></nav></header>
            <main id="main"><h1>This dashboard needs the control token</h1>
            <p class="muted">The emulator was started with <code>--control-token</code>; the dashboard takes the same token as the control routes.</p>
            \(notice)<form class="filter panel" method="post" action="login" id="login">
            <label>control token<input type="password" name="token" id="token" autocomplete="current-password" autofocus></label>
            <input type="hidden" name="next" value="\(next)">
            <button type="submit">Open the dashboard</button></form></main>
            </body></html>

            """
        var response = DashboardPage.respond(401, contentType: "text/html; charset=utf-8", Data(html.markup.utf8))
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    }
}
