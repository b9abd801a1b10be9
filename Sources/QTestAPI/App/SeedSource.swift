/// Where the initial data comes from.
public enum SeedSource: Sendable, Equatable {
    /// The demo seed compiled into the binary (project 108781, the vendor's sample user/token).
    case demo
    /// Start empty.
    case none
    /// A fixture file on disk.
    case file(String)

    /// `demo`, `none`, or a path.
    public init(argument: String) {
        switch argument.lowercased() {
        case "demo", "": self = .demo
        case "none", "empty": self = .none
        default: self = .file(argument)
        }
    }
}
