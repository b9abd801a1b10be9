import Foundation
import QTestStore

/// Reads the `test_logs` of an automation upload into store values. Shape errors (wrong
/// types, missing dates, bad base64) are 400s naming the item and field, answered before any
/// job is queued; status strings and step orders are checked by the job itself, as qTest does.
enum AutomationRequestParsing {
    /// `list` names the member holding the results: `test_logs`, or `testResults` in the Jenkins
    /// plugin's legacy upload (``CIUploadRoutes``).
    static func results(in body: JSON, list: String = "test_logs", escapeXML: Bool, defaultDate: Date) throws -> [AutomationResult] {
        guard let items = try body.optionalArray(list) else { throw APIError.badRequest("Field '\(list)' is required") }
        // qTest validates a batch before queueing it; an empty one has nothing to apply, so it is
        // refused here rather than queued as a job that could only fail or do nothing.
        guard !items.isEmpty else { throw APIError.badRequest("Field '\(list)' must contain at least one test log") }
        return try items.enumerated().map { index, item in
            try result(item, index: index, list: list, escapeXML: escapeXML, defaultDate: defaultDate)
        }
    }

    static func result(_ raw: JSON, index: Int, list: String = "test_logs", escapeXML: Bool, defaultDate: Date) throws -> AutomationResult {
        // Where an error points, written only for an error: an upload has 10,000s of items.
        func at() -> String { "\(list)[\(index)]" }
        let item = try raw.requireObject(at())
        func field<T>(_ read: () throws -> T) throws -> T {
            do { return try read() } catch let error as APIError {
                throw APIError.badRequest("\(at()): \(error.body["message"]?.stringValue ?? "invalid")")
            }
        }
        var content = try field { try item.optionalString("automation_content") }
        // escapeXml (default true) stores `<` and `>` HTML-encoded, as qTest does.
        if escapeXML, let c = content, c.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            content = c.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let name = try field { try item.optionalString("name") } ?? content ?? ""
        guard !name.isEmpty || content != nil else { throw APIError.badRequest("\(at()): 'name' or 'automation_content' is required") }
        let status = try field { try item.requiredString("status") }
        let start = try date(item, "exe_start_date", at: at()) ?? defaultDate
        let end = try date(item, "exe_end_date", at: at()) ?? start
        let steps = try field { try item.optionalArray("test_step_logs") ?? [] }.enumerated().map { stepIndex, step in
            try stepResult(step, at: "\(at()).test_step_logs[\(stepIndex)]")
        }
        return AutomationResult(
            name: name, status: status, automationContent: content,
            moduleNames: try field { try item.optionalArray("module_names") ?? [] }.map {
                guard let s = $0.stringValue, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw APIError.badRequest("\(at()).module_names must be non-empty strings")
                }
                return s
            },
            exeStartDate: start, exeEndDate: end,
            note: try field { try item.optionalString("note") },
            buildNumber: try field { try item.optionalString("build_number") },
            buildUrl: try field { try item.optionalString("build_url") },
            properties: try properties(item, "properties", at: at()),
            testCaseProperties: try properties(item, "testcase_properties", at: at()),
            testCaseVersionId: try field { try item.optionalInt("test_case_version_id") },
            steps: steps,
            attachments: try attachments(item, at: at()))
    }

    /// A module path deeper than ``TreeLimits/maxDepth`` is visible in the request, so it is
    /// refused before a job exists, as qTest validates an upload before queueing it. (A path
    /// that only grows too deep under an existing cycle or module fails the job instead.)
    /// `levelsAbove` counts the modules an upload puts above the path (its "Automation" module).
    static func checkModuleDepth(_ results: [AutomationResult], levelsAbove: Int) throws {
        for (index, result) in results.enumerated() where result.moduleNames.count > TreeLimits.maxDepth - levelsAbove {
            let above = levelsAbove > 0 ? " below the 'Automation' module" : ""
            throw APIError.badRequest("test_logs[\(index)].module_names has \(result.moduleNames.count) levels\(above): modules and test cycles "
                                      + "cannot be nested more than \(TreeLimits.maxDepth) levels deep")
        }
    }

    static func stepResult(_ raw: JSON, at: @autoclosure () -> String) throws -> AutomationStepResult {
        let step = try raw.requireObject(at())
        do {
            return AutomationStepResult(
                description: try step.optionalString("description") ?? "",
                expected: try step.optionalString("expected_result") ?? step.optionalString("expected") ?? "",
                actual: try step.optionalString("actual_result"),
                status: try step.requiredString("status"),
                order: try step.optionalInt("order").map { Int(clamping: $0) },
                attachments: try attachments(step, at: at()))
        } catch let error as APIError {
            throw APIError.badRequest("\(at()): \(error.body["message"]?.stringValue ?? "invalid")")
        }
    }

    /// `[{field_id, field_value}]`; entries without a value are skipped (one uploader sends them).
    static func properties(_ item: JSON, _ key: String, at: @autoclosure () -> String) throws -> [PropertyInput] {
        guard let list = try item.optionalArray(key) else { return [] }
        return try list.enumerated().compactMap { i, entry in
            let entry = try entry.requireObject("\(at()).\(key)[\(i)]")
            guard let id = try entry.optionalInt("field_id") else {
                throw APIError.badRequest("\(at()).\(key)[\(i)].field_id is required")
            }
            guard let value = try entry.optionalString("field_value") else { return nil }
            return PropertyInput(fieldId: id, value: value)
        }
    }

    /// Inline `{name, content_type, data: base64}` attachments; unknown keys (`author`) are ignored.
    static func attachments(_ item: JSON, at: @autoclosure () -> String) throws -> [AutomationAttachment] {
        guard let list = try item.optionalArray("attachments") else { return [] }
        return try list.enumerated().map { i, entry in
            let where_ = "\(at()).attachments[\(i)]"
            let entry = try entry.requireObject(where_)
            guard let name = try entry.optionalString("name"), !name.isEmpty else { throw APIError.badRequest("\(where_).name is required") }
            let encoded = try entry.optionalString("data") ?? ""
            guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                throw APIError.badRequest("\(where_).data is not valid base64")
            }
            return AutomationAttachment(name: name, contentType: try entry.optionalString("content_type") ?? "application/octet-stream", data: data)
        }
    }

    static func date(_ item: JSON, _ key: String, at: @autoclosure () -> String) throws -> Date? {
        guard let text = try item.optionalString(key) else { return nil }
        guard let date = QTestDate.parse(text) else { throw APIError.badRequest("\(at()).\(key) is not a valid date: '\(text)'") }
        return date
    }
}
