import Foundation
import QTestStore

/// The small query language of the automation-agent search:
/// `name ~ 'selenium' and active = 'active'`, `project_id = 108781 or framework is empty`.
///
/// Clauses are `criterion operator value` with `=`, `<>`, `~` (contains), `!~`, `<`, `<=`,
/// `>`, `>=`, `is empty`, `is not empty`; they combine with `and` (binding tighter) and `or`.
/// Criteria and keywords are case-insensitive; values may be single-quoted.
struct AgentQuery {
    struct Clause {
        let criterion: String
        let op: String
        let value: String
    }

    /// Disjunction of conjunctions.
    let groups: [[Clause]]

    static let criteria: Set<String> = ["name", "framework", "host_name", "id", "project_id", "host_id", "active"]

    init(_ text: String) throws {
        let tokens = try AgentQuery.tokenize(text)
        var groups: [[Clause]] = [[]]
        var index = 0
        func next() -> String? { index < tokens.count ? tokens[index] : nil }
        while index < tokens.count {
            let criterion = tokens[index].lowercased()
            guard AgentQuery.criteria.contains(criterion) else { throw APIError.badRequest("Unknown search criterion '\(tokens[index])'") }
            index += 1
            guard let op = next()?.lowercased() else { throw APIError.badRequest("Missing operator after '\(criterion)'") }
            index += 1
            var clause: Clause
            if op == "is" {
                if next()?.lowercased() == "not" {
                    index += 1
                    guard next()?.lowercased() == "empty" else { throw APIError.badRequest("Expected 'is not empty'") }
                    clause = Clause(criterion: criterion, op: "is not empty", value: "")
                } else {
                    guard next()?.lowercased() == "empty" else { throw APIError.badRequest("Expected 'is empty'") }
                    clause = Clause(criterion: criterion, op: "is empty", value: "")
                }
                index += 1
            } else {
                guard ["=", "<>", "~", "!~", "<", "<=", ">", ">="].contains(op) else { throw APIError.badRequest("Unknown operator '\(op)'") }
                guard let value = next() else { throw APIError.badRequest("Missing value after '\(criterion) \(op)'") }
                index += 1
                clause = Clause(criterion: criterion, op: op, value: value)
            }
            groups[groups.count - 1].append(clause)
            if let joiner = next()?.lowercased() {
                index += 1
                if joiner == "or" { groups.append([]) } else if joiner != "and" { throw APIError.badRequest("Expected 'and' or 'or', found '\(joiner)'") }
                guard index < tokens.count else { throw APIError.badRequest("Query ends after '\(joiner)'") }
            }
        }
        self.groups = groups.filter { !$0.isEmpty }
    }

    /// The search's tokenizer (``QueryTokenizer``), flattened to text: quoted values lose their
    /// quotes, operators and punctuation keep their spelling.
    static func tokenize(_ text: String) throws -> [String] {
        try QueryTokenizer.tokenize(text).map { token in
            switch token.kind {
            case let .word(t), let .quoted(t), let .symbol(t): t
            case .openParen: "("
            case .closeParen: ")"
            case .openBracket: "["
            case .closeBracket: "]"
            case .comma: ","
            }
        }
    }

    /// Whether an agent (as a dictionary of criterion → text) matches.
    func matches(_ values: [String: String]) -> Bool {
        groups.isEmpty || groups.contains { $0.allSatisfy { clause in AgentQuery.test(clause, values[clause.criterion] ?? "") } }
    }

    static func test(_ clause: Clause, _ actual: String) -> Bool {
        let a = actual.lowercased(), v = clause.value.lowercased()
        switch clause.op {
        case "is empty": return a.isEmpty
        case "is not empty": return !a.isEmpty
        case "=": return a == v
        case "<>": return a != v
        case "~": return a.contains(v)
        case "!~": return !a.contains(v)
        default:
            guard let x = Int64(a), let y = Int64(v) else { return false }
            switch clause.op {
            case "<": return x < y
            case "<=": return x <= y
            case ">": return x > y
            default: return x >= y
            }
        }
    }
}
