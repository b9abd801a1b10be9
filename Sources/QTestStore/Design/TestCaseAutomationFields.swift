import Foundation
import GRDB

/// The two test-case fields that tie a case to automation, found the way public uploaders find
/// them, by `original_name`: **Automation** (`AutomationTestCase`, a lookup whose value
/// labelled "Yes" marks a case automated) and **Automation Content** (`ClassIdTestCase`, the
/// fingerprint an upload reuses a case by).
///
/// Automation Content is held in `test_cases.automation_content` (indexed, so uploads find
/// cases by it in one query), not in `field_values`: writing the field through the API sets
/// that column, and reading the case shows it. An upload that creates a case also sets
/// Automation to Yes.
///
/// ```swift
/// let fields = try TestCaseAutomationFields(db, projectId: 108781)
/// let (content, rest) = fields.takeContent(from: inputs)
/// ```
struct TestCaseAutomationFields {
    static let automationName = "AutomationTestCase"
    static let contentName = "ClassIdTestCase"

    /// The Automation field, if the project has one.
    let automation: FieldRecord?
    /// The Automation Content field, if the project has one.
    let content: FieldRecord?
    /// Automation's allowed value labelled "Yes".
    let yes: Int64?

    init(_ db: Database, projectId: Int64) throws {
        let fields = try ObjectProperties.fields(db, projectId: projectId, .testCase)
        func named(_ original: String, _ label: String) -> FieldRecord? {
            fields.first { $0.originalName == original } ?? fields.first { $0.label.caseInsensitiveCompare(label) == .orderedSame }
        }
        automation = named(Self.automationName, "Automation")
        content = named(Self.contentName, "Automation Content")
        if let automation {
            yes = try Fields.allowedValues(db, fieldId: automation.id).first { $0.label.caseInsensitiveCompare("Yes") == .orderedSame }?.value
        } else {
            yes = nil
        }
    }

    /// The Automation Content field's id, as a set for ``ObjectProperties`` (its value is not in `field_values`).
    var heldElsewhere: Set<Int64> { content.map { [$0.id] } ?? [] }

    /// Takes an Automation Content value out of `inputs`: `.some(nil)` when it was sent empty
    /// (clears the content), nil when it was not sent.
    func takeContent(from inputs: [PropertyInput]) -> (content: String??, rest: [PropertyInput]) {
        guard let field = content, let sent = inputs.last(where: { $0.fieldId == field.id }) else { return (nil, inputs) }
        let text = sent.value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return (.some(text.isEmpty ? nil : String(text.prefix(4000))), inputs.filter { $0.fieldId != field.id })
    }

    /// `inputs` with Automation = Yes added, unless they set Automation themselves.
    func markingAutomated(_ inputs: [PropertyInput]) -> [PropertyInput] {
        guard let automation, let yes, !inputs.contains(where: { $0.fieldId == automation.id }) else { return inputs }
        return inputs + [PropertyInput(fieldId: automation.id, value: String(yes))]
    }

    /// The id of the Automation Content field alone, with a cached statement: every test case
    /// read needs it, and most reads need nothing else of these fields.
    static func contentFieldID(_ db: Database, projectId: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM fields WHERE (project_id = ? OR project_id IS NULL) AND object_type = 'test-cases' AND is_active
              AND (original_name = 'ClassIdTestCase' OR label = 'Automation Content' COLLATE NOCASE)
            ORDER BY original_name = 'ClassIdTestCase' DESC, project_id IS NULL, id LIMIT 1
            """), arguments: [projectId])
    }
}
