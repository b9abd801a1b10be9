/// Decoded query (or `application/x-www-form-urlencoded` body) parameters.
/// Keeps order and repeated keys because qTest list filters repeat keys.
public struct QueryParameters: Sendable {
    public let pairs: [(name: String, value: String)]

    public init(_ pairs: [(String, String)] = []) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Splits on '&', decodes '%XX' and '+' → space. "a" alone yields ("a", ""); empty pieces are skipped.
    public static func parse(_ s: Substring) -> QueryParameters {
        var result: [(String, String)] = []
        for piece in s.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = piece.firstIndex(of: "=") {
                result.append((PercentDecoding.decode(piece[..<eq], plusAsSpace: true),
                               PercentDecoding.decode(piece[piece.index(after: eq)...], plusAsSpace: true)))
            } else {
                result.append((PercentDecoding.decode(piece, plusAsSpace: true), ""))
            }
        }
        return QueryParameters(result)
    }
}
