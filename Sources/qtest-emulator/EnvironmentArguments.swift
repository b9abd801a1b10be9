import ArgumentParser
import Foundation

/// `QTEST_EMULATOR_<NAME>` environment variables, read as the `serve` flags they stand for.
///
/// Each variable that is set (and not empty) becomes its flag, appended to the command line
/// unless that flag is already there: the command line wins, and an environment value goes
/// through exactly the parsing and validation a typed one does. A bad value is therefore
/// refused with the flag's own message, plus a note naming the variable, instead of being
/// replaced by the default (which once made `QTEST_EMULATOR_PORT=abc` listen on 8080).
///
///     QTEST_EMULATOR_PORT=0 QTEST_EMULATOR_SEED=none qtest-emulator serve --log-level error
///     # is parsed as: serve --log-level error --port=0 --seed=none
///
/// Only `serve` (named or as the default command) reads them; `health` reads `HOST` and `PORT`
/// for its default URL (see ``HealthCommand``).
struct EnvironmentArguments {
    /// One `serve` option and the variable that supplies it.
    struct Setting: Sendable, Equatable {
        /// The part after the prefix: `MAX_BODY_BYTES`.
        let name: String
        /// The flag: `--max-body-bytes`.
        let flag: String
        /// A flag without a value (`--deterministic`): the variable holds a boolean.
        let isSwitch: Bool
        /// Never echoed back in a message (a token).
        let isSecret: Bool

        /// From the property's name, the way ArgumentParser names its flag: `maxBodyBytes` is
        /// `--max-body-bytes` and `QTEST_EMULATOR_MAX_BODY_BYTES`.
        init(property: String, isSwitch: Bool) {
            var words: [String] = []
            for character in property {
                if character.isUppercase || words.isEmpty { words.append("") }
                words[words.count - 1].append(character)
            }
            name = words.map { $0.uppercased() }.joined(separator: "_")
            flag = "--" + words.map { $0.lowercased() }.joined(separator: "-")
            self.isSwitch = isSwitch
            isSecret = property.lowercased().hasSuffix("token")
        }

        var variable: String { EnvironmentArguments.prefix + name }
    }

    static let prefix = "QTEST_EMULATOR_"

    /// Every option of `serve`, read off its properties as ArgumentParser does (a `Mirror` of a
    /// fresh command), so an option added later has its variable too. `CLIEnvironmentTests`
    /// checks each flag of `serve --help` against its variable.
    static let serveSettings: [Setting] = Mirror(reflecting: ServeCommand()).children.compactMap { child in
        guard let label = child.label, label.hasPrefix("_") else { return nil }
        let wrapper = String(describing: type(of: child.value))
        guard wrapper.hasPrefix("Option<") || wrapper.hasPrefix("Flag<") else { return nil }
        return Setting(property: String(label.dropFirst()), isSwitch: wrapper.hasPrefix("Flag<"))
    }

    /// Read elsewhere, not settings of `serve`: never reported as unknown.
    static let otherVariables: Set<String> = [
        "QTEST_EMULATOR_TEST_CRASH_IN_JOB", // tests only (JobWorker)
    ]

    /// What a boolean variable may hold.
    static let trueWords: Set<String> = ["1", "true", "yes", "on"]
    static let falseWords: Set<String> = ["0", "false", "no", "off"]

    /// The arguments to parse: the command line, then the flags taken from the environment.
    let arguments: [String]
    /// Each flag taken from the environment, with where it came from (`QTEST_EMULATOR_PORT=abc`;
    /// a secret's value is not repeated).
    let taken: [(flag: String, origin: String)]
    /// Prefixed variables that are no setting, each with a hint: likely typos.
    let unknown: [String]

    /// Reads `environment` for the command line `given` (without the program name).
    /// - Throws: `ValidationError` for a boolean variable that is neither true nor false.
    init(_ given: [String], environment: [String: String]) throws {
        guard Self.isServe(given) else {
            (arguments, taken, unknown) = (given, [], [])
            return
        }
        var arguments = given
        var taken: [(String, String)] = []
        for setting in Self.serveSettings {
            guard let value = environment[setting.variable], !value.isEmpty else { continue }
            if given.contains(where: { $0 == setting.flag || $0.hasPrefix(setting.flag + "=") }) { continue }
            let origin = setting.isSecret ? "\(setting.variable) (value not shown)" : "\(setting.variable)=\(value)"
            if setting.isSwitch {
                let word = value.lowercased()
                guard Self.trueWords.contains(word) || Self.falseWords.contains(word) else {
                    throw ValidationError("\(origin): must be 1 or 0 (or true/false, yes/no, on/off)")
                }
                if Self.trueWords.contains(word) { arguments.append(setting.flag) }
            } else {
                // `--port=-1`, not `--port -1`: a value starting with `-` stays a value.
                arguments.append("\(setting.flag)=\(value)")
            }
            taken.append((setting.flag, origin))
        }
        self.arguments = arguments
        self.taken = taken
        let known = Set(Self.serveSettings.map(\.variable)).union(Self.otherVariables)
        unknown = environment.keys.sorted()
            .filter { $0.hasPrefix(Self.prefix) && !known.contains($0) && !Self.isLinkVariable($0) }
            .map { name in Self.suggestion(for: name).map { "\(name) (did you mean \($0)?)" } ?? name }
    }

    /// Whether the command line runs `serve`: named, or as the default command. Asking for help
    /// or the version reads no variable, so a bad one cannot hide the help.
    static func isServe(_ arguments: [String]) -> Bool {
        if arguments.contains(where: { ["-h", "--help", "--version", "help"].contains($0) }) { return false }
        guard let first = arguments.first else { return true }
        return first == "serve" || first.hasPrefix("-")
    }

    /// Variables that Kubernetes (for a Service named `qtest-emulator`) and `docker run --link`
    /// set in every container beside it: `…_SERVICE_HOST`, `…_PORT_8080_TCP_ADDR`, `…_NAME`,
    /// `…_ENV_*`. They are not meant for the emulator, so they are not reported as typos.
    /// (`QTEST_EMULATOR_PORT=tcp://…` is set the same way, and refused: see ``notes(for:)``.)
    static func isLinkVariable(_ name: String) -> Bool {
        let rest = name.dropFirst(prefix.count)
        return rest.hasPrefix("SERVICE_") || rest.hasPrefix("ENV_") || rest == "NAME"
            || rest.range(of: #"^PORT_[0-9]+_(TCP|UDP|SCTP)"#, options: .regularExpression) != nil
    }

    /// The known variable `name` is most likely a misspelling of (at most two edits away).
    static func suggestion(for name: String) -> String? {
        let candidates = serveSettings.map { ($0.variable, editDistance($0.variable, name)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// Levenshtein distance, for the typo hint (names are short: quadratic is fine).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Lines to add under an error message that names a flag taken from the environment, so a
    /// refusal of `--port` says that `QTEST_EMULATOR_PORT` supplied it.
    func notes(for message: String) -> [String] {
        taken.compactMap { flag, origin in
            // `--control` must not match inside `--control-token`.
            guard message.range(of: "\(flag)(?![a-z-])", options: .regularExpression) != nil else { return nil }
            var note = "Note: \(flag) came from the environment: \(origin)."
            if flag == "--port", origin.contains("=tcp://") || origin.contains("=udp://") {
                note += " That is the address Kubernetes sets for a Service named qtest-emulator (or docker --link for such an alias),"
                    + " not a port: name the Service or alias differently (e.g. qtest), set enableServiceLinks: false, or pass --port."
            }
            return note
        }
    }
}
