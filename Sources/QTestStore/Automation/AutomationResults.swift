import Foundation

/// One file sent inline with an automation result (base64 already decoded).
public struct AutomationAttachment: Sendable, Equatable {
    public var name: String
    public var contentType: String
    public var data: Data
    /// Creates an attachment.
    public init(name: String, contentType: String, data: Data) {
        self.name = name; self.contentType = contentType; self.data = data
    }
}

/// One step of an automation result.
public struct AutomationStepResult: Sendable, Equatable {
    public var description: String
    public var expected: String
    public var actual: String?
    public var status: String
    /// 0-based position; when no step of a result has one, steps are sorted by description.
    public var order: Int?
    public var attachments: [AutomationAttachment]
    /// Creates a step result.
    public init(description: String, expected: String, actual: String? = nil, status: String, order: Int? = nil,
                attachments: [AutomationAttachment] = []) {
        self.description = description; self.expected = expected; self.actual = actual; self.status = status
        self.order = order; self.attachments = attachments
    }
}

/// One test result of an automation upload (an item of `test_logs`).
public struct AutomationResult: Sendable, Equatable {
    public var name: String
    /// A tool's status string (`PASSED`, `fail`, `SKIP` …).
    public var status: String
    /// The test's fingerprint: the same content reuses the same test case.
    public var automationContent: String?
    /// Module path (and, for the tree upload, the same cycle path) the result belongs to.
    public var moduleNames: [String]
    public var exeStartDate: Date
    public var exeEndDate: Date
    public var note: String?
    public var buildNumber: String?
    public var buildUrl: String?
    /// Test run properties.
    public var properties: [PropertyInput]
    /// Properties of a test case created for this result.
    public var testCaseProperties: [PropertyInput]
    public var testCaseVersionId: Int64?
    public var steps: [AutomationStepResult]
    public var attachments: [AutomationAttachment]

    /// Creates a result.
    public init(name: String, status: String, automationContent: String? = nil, moduleNames: [String] = [],
                exeStartDate: Date, exeEndDate: Date, note: String? = nil, buildNumber: String? = nil, buildUrl: String? = nil,
                properties: [PropertyInput] = [], testCaseProperties: [PropertyInput] = [], testCaseVersionId: Int64? = nil,
                steps: [AutomationStepResult] = [], attachments: [AutomationAttachment] = []) {
        self.name = name; self.status = status; self.automationContent = automationContent; self.moduleNames = moduleNames
        self.exeStartDate = exeStartDate; self.exeEndDate = exeEndDate; self.note = note; self.buildNumber = buildNumber
        self.buildUrl = buildUrl; self.properties = properties; self.testCaseProperties = testCaseProperties
        self.testCaseVersionId = testCaseVersionId; self.steps = steps; self.attachments = attachments
    }

    /// The fingerprint used to find the test case: the automation content, else the name.
    public var fingerprint: String {
        let content = automationContent.map(WhiteSpace.trimmed) ?? ""
        return content.isEmpty ? name : content
    }

    /// The steps in execution order. Orders, when given, must run 0…n-1 without gaps (1…n is
    /// accepted too, since some tools count from 1); without orders steps sort by description.
    public func orderedSteps(index: Int) throws -> [AutomationStepResult] {
        let ordered = steps.compactMap(\.order)
        if ordered.isEmpty {
            return steps.enumerated().sorted { ($0.element.description, $0.offset) < ($1.element.description, $1.offset) }.map(\.element)
        }
        guard ordered.count == steps.count else {
            throw StoreError.badRequest("test_logs[\(index)]: every test step log needs an order when one has it")
        }
        let sorted = ordered.sorted()
        let base = sorted.first ?? 0
        guard base == 0 || base == 1, sorted == Array(base..<(base + sorted.count)) else {
            throw StoreError.badRequest("test_logs[\(index)]: test step log orders must run from 0 to \(steps.count - 1) without gaps or repeats")
        }
        return steps.sorted { ($0.order ?? 0) < ($1.order ?? 0) }
    }
}
