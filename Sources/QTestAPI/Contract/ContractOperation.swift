/// One operation of the contract data: where it is, what it takes and what it answers.
struct ContractOperation: Sendable {
    let method: String
    /// The path as the scope list spells it (the route table may name its parameters otherwise).
    let path: String
    /// The vendor API group (`ReleaseApi`) and the client's name for the call.
    let tag: String
    let name: String
    let about: String
    /// Path parameters in path order, by type.
    let pathParameters: [(name: String, type: ContractType)]
    let query: [(name: String, slot: ContractSlot)]
    let headers: [(name: String, slot: ContractSlot)]
    /// `application/x-www-form-urlencoded` fields (`/oauth/token`).
    let form: [(name: String, slot: ContractSlot)]
    /// The JSON body (or `binary` bytes), when the operation takes one.
    let body: ContractSlot?
    /// Success statuses with their body type (nil: no body).
    let answers: [(status: String, type: ContractType?)]
    /// The model of error bodies (`Message` unless the data says otherwise).
    let errorModel: String
    /// Whether it is one of the scope list's operations (qTest's), rather than the emulator's own.
    let isScope: Bool

    /// `GET /a/{}/b`: the path with parameter names dropped, which is how routes and scope
    /// entries are matched (their parameter names may differ).
    var shape: String { ContractOperation.shape(method: method, path: path) }

    static func shape(method: String, path: String) -> String {
        method + " " + path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
    }
}
