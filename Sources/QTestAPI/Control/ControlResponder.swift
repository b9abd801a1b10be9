import Foundation
import HTTPServer

/// The responder a server serves: the router, with the control plane around it. Before the
/// router, a fault rule may answer instead (or delay, or drop the connection); after it, the
/// request goes into the journal. Control routes are checked against `--control-token` here,
/// once for all of them, and are never journaled or faulted (a test's own calls to the
/// emulator must not disturb what it checks).
public struct ControlResponder: HTTPResponder {
    let router: Router
    let control: ControlPlane

    static let prefix = "/__emulator/"

    static func isControl(_ path: String) -> Bool { path.hasPrefix(prefix) || path == "/__emulator" }

    public func screen(_ head: HTTPRequest) -> HTTPResponse? {
        if Self.isControl(head.path) { return refusal(head) ?? router.screen(head) }
        // A request a fault covers gets the fault, not a refusal before its body.
        if control.faults.covers(method: head.method, path: head.path) { return nil }
        guard let refused = router.screen(head) else { return nil }
        record(head, refused, started: DispatchTime.now().uptimeNanoseconds, fault: nil)
        return refused
    }

    public func bodyLimit(for head: HTTPRequest) -> HTTPBodyLimit? { router.bodyLimit(for: head) }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        if Self.isControl(request.path) { return refusal(request) ?? router.respond(to: request) }
        let started = DispatchTime.now().uptimeNanoseconds
        var response: HTTPResponse
        var faultID: Int64?
        if let rule = control.faults.hit(method: request.method, path: request.path) {
            faultID = rule.id
            if rule.delayMs > 0 { usleep(UInt32(clamping: min(rule.delayMs, 60_000) * 1000)) }
            switch rule.action {
            case let .respond(status?, body, headers):
                response = .json(status, body ?? ["message": .string("Injected fault \(rule.id)")])
                for (name, value) in headers { response.headers[name] = value }
            case .drop:
                response = .message(502, "Injected fault \(rule.id): connection dropped")
                response.dropsConnection = true
            default:
                response = router.respond(to: request)
            }
        } else {
            response = router.respond(to: request)
        }
        record(request, response, started: started, fault: faultID)
        return response
    }

    public func screenAndRespond(to request: HTTPRequest) -> HTTPResponse {
        if Self.isControl(request.path) { return refusal(request) ?? router.screenAndRespond(to: request) }
        // A fault covers the request: no screen, as in `screen(_:)`, and the fault's answer.
        if control.faults.covers(method: request.method, path: request.path) { return respond(to: request) }
        let started = DispatchTime.now().uptimeNanoseconds
        let response = router.screenAndRespond(to: request)
        record(request, response, started: started, fault: nil)
        return response
    }

    public func respondInline(to request: HTTPRequest) -> HTTPResponse? {
        if Self.isControl(request.path) { return refusal(request) == nil ? router.respondInline(to: request) : nil }
        if control.faults.covers(method: request.method, path: request.path) { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        guard let response = router.respondInline(to: request) else { return nil }
        record(request, response, started: started, fault: nil)
        return response
    }

    /// A 401 for a control route (health aside) without the `--control-token`. Dashboard pages
    /// also take the token from the dashboard's cookie, and answer its login page instead.
    private func refusal(_ request: HTTPRequest) -> HTTPResponse? {
        guard let token = control.token, request.path != "/__emulator/health" else { return nil }
        let given = request.headers["Authorization"].map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? $0 }
        guard given != token else { return nil }
        if DashboardAccess.isDashboard(request.path) {
            if DashboardAccess.isPublic(request) || DashboardAccess.cookieToken(request.headers) == token { return nil }
            return DashboardAccess.refusal(request)
        }
        var response = HTTPResponse.message(401, "Control routes need 'Authorization: Bearer <control token>'")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    }

    private func record(_ request: HTTPRequest, _ response: HTTPResponse, started: UInt64, fault: Int64?) {
        guard control.journal.isOn else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e6
        let query = request.target.firstIndex(of: "?").map { String(request.target[request.target.index(after: $0)...]) } ?? ""
        control.journal.record(JournalEntry(
            sequence: 0, time: control.clock.now(), method: request.method, path: request.path, query: query,
            route: response.notes["route"], status: response.status, durationMs: elapsed, caller: response.notes["caller"],
            rawHeaders: request.headers, rawRequestBody: RequestJournal.kept(request.body),
            rawResponseBody: RequestJournal.kept(response.body), fault: fault))
    }
}
