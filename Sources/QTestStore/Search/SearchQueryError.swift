/// Why a search query was refused, and where: the 400 a client gets for a query that does not
/// parse, names an unknown field, or holds a value of the wrong type.
///
/// Positions are 1-based character offsets into the query text, so a client can point at the
/// spot (`"unknown field 'Colour' for test-cases at position 1"`). A refusal that is not about
/// one spot of the text (an unknown object type) has no position.
///
/// ```swift
/// throw SearchQueryError("expected an operator after 'name'", at: 6)
/// ```
public struct SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the position.
    public let reason: String
    /// 1-based character position in the query text, or nil.
    public let position: Int?

    /// Creates an error about the text at `position`.
    public init(_ reason: String, at position: Int?) {
        self.reason = reason
        self.position = position
    }

    /// The client-facing message: the reason, then where.
    public var message: String {
        guard let position else { return reason }
        return "\(reason) at position \(position)"
    }

    public var description: String { message }
}
