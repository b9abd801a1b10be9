/// The subset of the configuration the parser enforces. Kept separate so the parser can be
/// tested without a server.
struct HTTPParserLimits: Sendable {
    var maxHeaderBytes: Int
    var maxHeaderCount: Int
    var maxBodyBytes: Int

    init(maxHeaderBytes: Int = 64 * 1024, maxHeaderCount: Int = 200, maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }

    init(_ configuration: HTTPServerConfiguration) {
        self.init(maxHeaderBytes: configuration.maxHeaderBytes,
                  maxHeaderCount: configuration.maxHeaderCount,
                  maxBodyBytes: configuration.maxBodyBytes)
    }
}
