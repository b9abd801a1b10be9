/// The user a request's token belongs to.
public struct Caller: Sendable, Equatable {
    public let userID: Int64
    public let username: String
    public let isSiteAdmin: Bool
    /// The token as presented, for `/oauth/status` and `/oauth/revoke`.
    public let token: String

    public init(userID: Int64, username: String, isSiteAdmin: Bool, token: String) {
        self.userID = userID
        self.username = username
        self.isSiteAdmin = isSiteAdmin
        self.token = token
    }
}
