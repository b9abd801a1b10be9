/// The two HTTP/1.x versions this server speaks. Anything else in a request line is answered with 505.
public enum HTTPVersion: Sendable, Equatable {
    case http10, http11

    /// The token as written in a status line.
    public var text: String {
        switch self {
        case .http10: return "HTTP/1.0"
        case .http11: return "HTTP/1.1"
        }
    }
}
