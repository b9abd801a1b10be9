/// The most bytes any one connection of a server has held, for tests and diagnostics: they show
/// that a client which does not read, or sends a body that gets refused, cannot grow memory.
struct BufferHighWater: Sendable, Equatable {
    /// Response bytes queued and not yet sent (bounded by `maxOutputBytes` plus one response).
    var unsentOutputBytes = 0
    /// Request bytes held by a parser: unparsed input plus the chunked body decoded so far.
    var retainedInputBytes = 0
}
