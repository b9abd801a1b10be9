import QTestStore

/// `?parentType=test-cycle&parentId=1200001`: the container a dashboard view is rooted at,
/// named the way qTest's own run lists name it.
enum ContainerQuery {
    /// The container named in the query, nil when none is; a 400 for a type qTest does not
    /// know, a missing or non-positive id, or an id without a type.
    static func parent(_ request: some RequestReading) throws -> ExecutionParent? {
        guard let typeText = request.queryString("parentType") else {
            guard request.queryString("parentId") == nil else {
                throw APIError.badRequest("Query parameter 'parentId' needs 'parentType' (release, test-cycle or test-suite)")
            }
            return nil
        }
        guard let type = ExecutionParentType(wire: typeText) else {
            throw APIError.badRequest("Query parameter 'parentType' must be root, release, test-cycle or test-suite")
        }
        if type == .root { return .root }
        guard let id = try request.queryInt("parentId"), id > 0 else {
            throw APIError.badRequest("Query parameter 'parentId' must be the id of the \(type.rawValue)")
        }
        return ExecutionParent(type: type, id: id)
    }

    /// `Test Cycle`, for messages.
    static func title(_ type: ExecutionParentType) -> String {
        switch type {
        case .root: "Project root"
        case .release: "Release"
        case .testCycle: "Test Cycle"
        case .testSuite: "Test Suite"
        }
    }
}
