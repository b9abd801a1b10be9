import Foundation
import HTTPServer
import QTestAPI
import Synchronization
import Testing

/// Wraps the harness's transport so that every response a test receives is checked against
/// the OpenAPI document (``ResponseContract``): the status must be declared for the route that
/// answered, and a JSON body must match its schema (required keys present, types right, no key
/// the contract does not know). A mismatch is recorded as a test issue, so any end-to-end test
/// fails on an answer that is not qTest's shape, whatever it was testing.
///
/// It also keeps which operations were answered, and how (`checked`), so a test can tell that
/// every operation has had a validated success response.
public final class ContractCheckingTransport: WireTransport {
    public let inner: any WireTransport
    private let router: Router
    private let contract: ResponseContract
    private let log = Mutex<[String: Int]>([:])
    private let enabled = Mutex(true)

    /// Whether responses are checked (on by default). A test that makes the emulator answer
    /// what no contract says (an injected fault with its own body) turns it off.
    public var isChecking: Bool {
        get { enabled.withLock { $0 } }
        set { enabled.withLock { $0 = newValue } }
    }

    public init(_ inner: any WireTransport, router: Router, contract: ResponseContract = .emulator) {
        self.inner = inner
        self.router = router
        self.contract = contract
    }

    /// `"GET /api/v3/projects/{projectId} 200"` → how many such responses were checked and conformed.
    public var checked: [String: Int] { log.withLock { $0 } }

    public func exchange(_ method: String, _ target: String, headers: [(String, String)], body: Data?) throws -> WireResponse {
        let response = try inner.exchange(method, target, headers: headers, body: body)
        guard isChecking else { return response }
        let pattern = router.pattern(for: method, path: target)
        let problems = contract.violations(method: method, pattern: pattern, status: response.status,
                                           contentType: response.header("Content-Type"), body: response.body)
        if problems.isEmpty {
            if let pattern { log.withLock { $0["\(method) \(pattern) \(response.status)", default: 0] += 1 } }
        } else {
            Issue.record("""
                response to \(method) \(target) (route \(pattern ?? "none"), \(response.status)) breaks the contract:
                  \(problems.joined(separator: "\n  "))
                body: \(response.text.prefix(600))
                """)
        }
        return response
    }

    public func close() { inner.close() }
}
