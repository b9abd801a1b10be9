import Foundation
import QTestStore

/// The worker's side of an automation upload: re-reads the stored request and applies it with
/// `AutomationImport`, in the worker's single transaction.
enum AutomationJob {
    enum Kind: String {
        /// v3.1: into one test suite.
        case suite
        /// v3: into a module/cycle tree.
        case tree
        /// The Jenkins plugin's legacy upload: into the place a CI setting names (``CIUploadJob``).
        case ci
    }

    /// A request as the submitting handler parsed it, handed to the worker to save a re-parse.
    struct Prepared: Sendable {
        let request: Request
        let results: [AutomationResult]
    }

    /// What a job keeps of its request: the body as sent plus the options read from the query.
    struct Request: Sendable {
        let kind: Kind
        let body: JSON
        let escapeXML: Bool
        /// `execution_date`, or the submission time; the default for missing log dates.
        let executionDate: Date
        /// The CI setting of a ``Kind/ci`` upload (`{configurationId}` in its path).
        let ciSettingID: Int64?
        /// The body's bytes as received, which parsed as ``body``: see ``storedText``.
        let bodyBytes: Data?

        init(kind: Kind, body: JSON, bodyBytes: Data? = nil, escapeXML: Bool, now: Date, ciSettingID: Int64? = nil) throws {
            self.kind = kind
            self.body = body
            self.bodyBytes = bodyBytes
            self.escapeXML = escapeXML
            self.ciSettingID = ciSettingID
            if let text = try body.optionalString("execution_date") {
                guard let date = QTestDate.parse(text) else { throw APIError.badRequest("Field 'execution_date' is not a valid date: '\(text)'") }
                executionDate = date
            } else {
                executionDate = now
            }
        }

        init(stored: JSON) throws {
            guard let kind = stored["kind"]?.stringValue.flatMap(Kind.init(rawValue:)), let body = stored["body"],
                  let date = stored["execution_date"]?.stringValue.flatMap(QTestDate.parse) else {
                throw APIError.badRequest("The stored job request is unreadable")
            }
            self.kind = kind
            self.body = body
            self.escapeXML = stored["escape_xml"]?.boolValue ?? true
            self.executionDate = date
            self.ciSettingID = stored["ci_setting_id"]?.int64Value
            self.bodyBytes = nil
        }

        var stored: JSON {
            .object(JSONObject(options.members + [("body", body)]))
        }

        /// ``stored`` as the job row's text. The body goes in as the bytes received, which
        /// parsed as ``body`` moments ago: serializing a 5 MB upload again was a fifth of the
        /// submit's time. A body with a byte-order mark (valid at the start of a document,
        /// not inside one) is serialized instead.
        var storedText: String {
            guard let bytes = bodyBytes, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return stored.serializedString() }
            var text = JSON.object(options).serializedString()
            text.removeLast() // the closing brace: `body` follows
            return text + ",\"body\":" + String(decoding: bytes, as: UTF8.self) + "}"
        }

        /// Everything ``stored`` keeps but the body.
        private var options: JSONObject {
            JSONObject([("kind", .string(kind.rawValue)), ("escape_xml", .bool(escapeXML)),
                        ("execution_date", .string(QTestDate.format(executionDate))), ("ci_setting_id", .optional(ciSettingID))])
        }

        func results() throws -> [AutomationResult] {
            try AutomationRequestParsing.results(in: body, list: kind == .ci ? "testResults" : "test_logs", escapeXML: escapeXML,
                                                 defaultDate: executionDate)
        }
    }

    /// Applies the job; returns the `content` qTest reports on SUCCESS.
    static func process(_ db: StoreDatabase, _ job: JobRecord, _ app: EmulatorContext) throws -> JSON {
        let request: Request
        let results: [AutomationResult]
        if let prepared = app.jobs.takeStash(job.id) as? Prepared {
            (request, results) = (prepared.request, prepared.results)
        } else {
            request = try Request(stored: try JSON.parse(Data(job.requestJson.utf8)))
            results = try request.results()
        }
        let importer = AutomationImport(db, projectId: job.projectId, userId: job.userId, at: app.now)
        let body = request.body
        switch request.kind {
        case .suite:
            let target: AutomationImport.SuiteTarget
            if let suite = try body.optionalString("test_suite"), !suite.isEmpty {
                target = .existing(suiteId: try ArtifactReferences.resolve(db, projectId: job.projectId, .testSuite, suite))
            } else {
                var parent = ExecutionParent.root
                if let cycle = try body.optionalString("test_cycle"), !cycle.isEmpty {
                    parent = ExecutionParent(type: .testCycle, id: try ArtifactReferences.resolve(db, projectId: job.projectId, .testCycle, cycle))
                }
                target = .new(name: "Automation \(QTestDate.formatDay(request.executionDate))", under: parent)
            }
            let parentModule = try body.optionalString("parent_module").flatMap { $0.isEmpty ? nil : $0 }.map {
                try ArtifactReferences.resolve(db, projectId: job.projectId, .module, $0)
            }
            let (suite, count) = try importer.importIntoSuite(
                target, parentModuleId: parentModule,
                skipAutomationModule: try body.optionalBool("skipCreatingAutomationModule") ?? false, results)
            return ["testSuiteId": .int(suite.id), "testSuiteName": .string(suite.name), "totalTestLogs": .number(count)]
        case .tree:
            var root = ExecutionParent.root
            if let cycle = try body.optionalString("test_cycle"), !cycle.isEmpty {
                root = ExecutionParent(type: .testCycle, id: try ArtifactReferences.resolve(db, projectId: job.projectId, .testCycle, cycle))
            }
            let count = try importer.importTree(under: root, results)
            return ["testCycleId": .int(root.id), "totalTestLogs": .number(count)]
        case .ci:
            return try CIUploadJob.apply(db, job, request, results, importer, at: app.now)
        }
    }
}
