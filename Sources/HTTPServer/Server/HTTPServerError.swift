import Glibc

/// Errors from `HTTPServer.start()`, with the errno text so the CLI can print something actionable.
public enum HTTPServerError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalidAddress(host: String, port: Int)
    case socketFailed(String)
    case bindFailed(host: String, port: Int, reason: String)
    case listenFailed(String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidAddress(let host, let port): return "invalid listen address \(host):\(port)"
        case .socketFailed(let r): return "socket() failed: \(r)"
        case .bindFailed(let host, let port, let r): return "cannot bind \(host):\(port): \(r)"
        case .listenFailed(let r): return "listen() failed: \(r)"
        case .alreadyStarted: return "server already started"
        }
    }

    static func errnoText(_ code: Int32 = errno) -> String {
        guard let p = strerror(code) else { return "errno \(code)" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)
    }
}
