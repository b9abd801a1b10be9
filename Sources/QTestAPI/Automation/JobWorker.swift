import Dispatch
import Foundation
import Logging
import QTestStore
import Synchronization

/// Turns a queued job's request into its effects, inside the worker's transaction, and
/// returns the `content` to report on SUCCESS. Throwing fails the job with the error's text
/// and rolls back everything the processor did.
typealias JobProcessor = @Sendable (_ db: StoreDatabase, _ job: JobRecord, _ app: EmulatorContext) throws -> JSON

/// Runs queued jobs one at a time, in submission order, on a background thread.
///
/// Problems are logged at `warning`; at `debug` each job's steps are too (held for
/// `--job-delay`, started, finished with its state and time).
///
/// A job's effects and its SUCCESS state are written in one transaction, so a crash at any
/// point leaves either nothing or everything; jobs caught `IN_PROCESSING` by a crash are
/// requeued at startup and run again from the start.
final class JobWorker: Sendable {
    private let processors: [String: JobProcessor]
    private let loop = BackgroundLoop<EmulatorContext>(name: "qtest-emulator.jobs")

    init(processors: [String: JobProcessor]) {
        self.processors = processors
    }

    /// Starts the worker thread for `app` (which owns the worker: it is held weakly).
    func start(for app: EmulatorContext) {
        loop.start(for: app, prepare: requeueInterrupted) { [weak self] in self?.run() }
    }

    /// Puts the jobs the last shutdown caught `IN_PROCESSING` back in the queue (or fails them:
    /// the poison-job rule of ``Jobs/requeueInterrupted(_:at:)``).
    private func requeueInterrupted(_ app: EmulatorContext) {
        do {
            let recovery = try app.write { db in try Jobs.requeueInterrupted(db, at: app.now) }
            if recovery.requeued > 0 { app.options.logger.warning("job queue: re-running \(recovery.requeued) job(s) interrupted by the last shutdown") }
            if recovery.failed > 0 { app.options.logger.warning("job queue: failed \(recovery.failed) job(s) interrupted \(Jobs.maxAttempts) times") }
        } catch {
            app.options.logger.warning("job queue: cannot requeue interrupted jobs: \(error)")
        }
    }

    /// Stops after the job in hand (if any) is finished.
    func stop() {
        loop.stop()
    }

    /// Tells the worker a job was queued.
    func wake() {
        loop.wake()
    }

    private func run() {
        while loop.isRunning, let app = loop.context {
            let job: JobRecord?
            do { job = try app.read { db in try Jobs.next(db) } } catch {
                app.options.logger.warning("job queue: cannot read the queue: \(error)")
                job = nil
            }
            guard let job else {
                // Woken by `wake()` on submit; the timeout is only a safety net.
                if !loop.sleep(until: Date().addingTimeInterval(1)) { return }
                continue
            }
            // `--job-delay`: let clients observe IN_WAITING for a while, measured on the
            // emulator's clock from submission, so a test can freeze the clock to hold jobs and
            // advance it to release them (the clock routes wake the worker).
            let delay = app.options.jobDelay
            if delay > 0 {
                let clock = app.control.clock
                let due = submittedAt(job).addingTimeInterval(delay)
                if due > clock.preciseNow() {
                    app.options.logger.debug("job \(job.id) (\(job.type)): held \(Self.format(due.timeIntervalSince(clock.preciseNow()))) on the emulator clock for --job-delay")
                }
                while clock.preciseNow() < due {
                    // A frozen clock moves only when the control plane moves it, which wakes
                    // this sleep; the one-second cap is a safety net.
                    let wait = min(max(due.timeIntervalSince(clock.preciseNow()), 0.001), 1)
                    if !loop.sleep(until: Date().addingTimeInterval(wait)) { return }
                }
            }
            processing.lock()
            defer { processing.unlock() }
            // A reset or restore may have replaced the store since the job was read.
            guard (try? app.read({ db in try Jobs.status(db, job.id) }))??.state == .waiting else { continue }
            switch app.control.faults.hitJob(job.id) {
            case .stuckJob?:
                app.options.logger.debug("job \(job.id) (\(job.type)): held IN_PROCESSING by a fault rule")
                try? app.write { db in try Jobs.setState(db, job.id, .processing, at: app.now) }
            case .failJob(let message)?:
                app.options.logger.debug("job \(job.id) (\(job.type)): FAILED by a fault rule")
                try? fail(job, reason: message, app: app)
            default:
                process(job, app: app)
            }
        }
    }

    /// Held while a job is processed: a reset or snapshot restore takes it, so it never lands
    /// in the middle of a job.
    private let processing = NSLock()

    /// Runs `body` with no job in progress and none starting.
    func whilePaused<T>(_ body: () throws -> T) rethrows -> T {
        processing.lock()
        defer { processing.unlock() }
        return try body()
    }

    /// Puts jobs a removed "stuck" fault held back in the queue, and wakes the worker.
    func release(_ jobIDs: [Int64], app: EmulatorContext) {
        guard !jobIDs.isEmpty else { return }
        try? app.write { db in
            for id in jobIDs where try Jobs.status(db, id)?.state == .processing { try Jobs.setState(db, id, .waiting, at: app.now) }
        }
        wake()
    }

    /// What submitting requests told the worker about their jobs, by job id.
    private struct Notes {
        var submittedAt: [Int64: Date] = [:]
        /// What the submitting request already parsed, so the worker need not parse it again. Only
        /// an optimisation: a job found in the database at startup is parsed from its stored request.
        var prepared: [Int64: any Sendable] = [:]
    }

    private let notes = Mutex(Notes())

    /// Hands the worker the parsed form of a job's request.
    func stash(_ value: any Sendable, for jobID: Int64) {
        notes.withLock { $0.prepared[jobID] = value }
    }

    /// The parsed form stashed for `jobID`, if any (taken once).
    func takeStash(_ jobID: Int64) -> (any Sendable)? {
        notes.withLock { $0.prepared.removeValue(forKey: jobID) }
    }

    /// Remembers when a job was submitted on the emulator's clock, to the fraction of a second
    /// (for the delay; the job's stored `createdDate` has whole seconds).
    func noteSubmitted(_ jobID: Int64, at instant: Date) {
        notes.withLock { $0.submittedAt[jobID] = instant }
    }

    private func submittedAt(_ job: JobRecord) -> Date {
        // A job found in the database at startup waits from its stored submission time.
        notes.withLock { $0.submittedAt[job.id] } ?? job.createdDate
    }

    private func process(_ job: JobRecord, app: EmulatorContext) {
        let logger = app.options.logger
        let started = Date()
        let name = "job \(job.id) (\(job.type))"
        logger.debug("\(name): started, attempt \(job.attempts + 1), project \(job.projectId)")
        do {
            try app.write { db in try Jobs.begin(db, job.id, at: app.now) }
            if Self.crashesInJobsForTesting { abort() }
            guard let processor = processors[job.type] else {
                logger.debug("\(name): FAILED, no processor for this type")
                try fail(job, reason: "No processor for job type \(job.type)", app: app)
                return
            }
            // What the job changes is recorded as changed by the user who submitted it.
            try HistoryContext.$author.withValue(job.userId) {
                try app.write { db in
                    let content = try processor(db, job, app)
                    try Jobs.finish(db, job.id, .success, content: content.serializedString(), at: app.now)
                }
            }
            logger.debug("\(name): SUCCESS in \(Self.format(Date().timeIntervalSince(started)))")
        } catch {
            let reason: String
            if let apiError = error as? APIError { reason = apiError.body["message"]?.stringValue ?? "\(apiError.status)" }
            else if let convertible = error as? APIErrorConvertible { reason = convertible.apiError.body["message"]?.stringValue ?? "\(error)" }
            else { reason = "Processing failed: \(error)" }
            logger.debug("\(name): FAILED in \(Self.format(Date().timeIntervalSince(started))): \(reason)")
            do { try fail(job, reason: reason, app: app) } catch {
                logger.warning("job queue: cannot record failure of job \(job.id): \(error)")
            }
        }
        notes.withLock { $0.submittedAt[job.id] = nil; $0.prepared[job.id] = nil }
    }

    /// Test-only: `QTEST_EMULATOR_TEST_CRASH_IN_JOB=1` makes the process die right after a job
    /// is marked `IN_PROCESSING`, so a test can reproduce a job that kills the process every
    /// time it runs (the poison-job rule in ``Jobs/requeueInterrupted(_:at:)``).
    private static let crashesInJobsForTesting = ProcessInfo.processInfo.environment["QTEST_EMULATOR_TEST_CRASH_IN_JOB"] == "1"

    /// `730.1 ms`, `2.0 s`: a duration for the debug log.
    private static func format(_ seconds: TimeInterval) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.1f s", seconds)
    }

    private func fail(_ job: JobRecord, reason: String, app: EmulatorContext) throws {
        try app.write { db in try Jobs.finish(db, job.id, .failed, content: reason, contentType: "text/plain", at: app.now) }
    }
}
