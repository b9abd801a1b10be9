import Foundation

/// Reads a `POST /__emulator/faults` body into a rule (its id comes from the book).
enum FaultRequestParsing {
    struct Input {
        var method: String?
        var path: String?
        var action: FaultRule.Action
        var delayMs: Int
        var times: Int?
        var probability: Double
        var seed: UInt64

        func make(_ id: Int64) -> FaultRule {
            FaultRule(id: id, method: method, path: path, action: action, delayMs: delayMs, remaining: times,
                      probability: probability, random: SplitMix64(state: seed))
        }
    }

    static func rule(_ body: JSON) throws -> Input {
        let body = try body.requireObject()
        let method = try body.optionalString("method")?.uppercased()
        let path = try body.optionalString("path")
        if let path, !path.hasPrefix("/") && !path.hasPrefix("*") {
            throw APIError.badRequest("Field 'path' must start with '/' (or '*')")
        }
        let delay = try body.optionalInt("delay_ms") ?? 0
        guard (0...60_000).contains(delay) else { throw APIError.badRequest("Field 'delay_ms' must be between 0 and 60000") }
        let times = try body.optionalInt("times")
        if let times, times < 1 { throw APIError.badRequest("Field 'times' must be at least 1 (leave it out for every time)") }
        var probability = 1.0
        if let value = body["probability"], !value.isNull {
            guard let p = value.numberValue, (0...1).contains(p) else { throw APIError.badRequest("Field 'probability' must be a number from 0 to 1") }
            probability = p
        }
        let seed = UInt64(bitPattern: try body.optionalInt("seed") ?? 0x5EED)

        let action: FaultRule.Action
        if let job = try body.optionalString("job") {
            switch job.lowercased() {
            case "stuck": action = .stuckJob
            case "fail": action = .failJob(message: try body.optionalString("message") ?? "Failed by an injected fault")
            default: throw APIError.badRequest("Field 'job' must be \"stuck\" or \"fail\"")
            }
        } else if try body.optionalBool("drop") == true {
            action = .drop
        } else {
            let status = try body.optionalInt("status")
            if let status, !(100...599).contains(status) { throw APIError.badRequest("Field 'status' must be between 100 and 599") }
            guard status != nil || delay > 0 else {
                throw APIError.badRequest("A fault needs 'status', 'delay_ms', 'drop' or 'job'")
            }
            var headers: [(String, String)] = []
            if let object = try body.optionalObject("headers") {
                for (name, value) in object.objectValue ?? [] {
                    guard let text = value.scalarText, !name.isEmpty, !name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ":" }),
                          !text.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                        throw APIError.badRequest("Field 'headers' must map header names to text values")
                    }
                    headers.append((name, text))
                }
            }
            if status == 429, !headers.contains(where: { $0.0.caseInsensitiveCompare("Retry-After") == .orderedSame }) {
                headers.append(("Retry-After", "1"))
            }
            action = .respond(status: status.map { Int($0) }, body: body["body"].flatMap { $0.isNull ? nil : $0 }, headers: headers)
        }
        return Input(method: method, path: path, action: action, delayMs: Int(delay), times: times.map { Int(clamping: $0) },
                     probability: probability, seed: seed)
    }
}
