import Crypto
import Dispatch
import Foundation
import HTTPServer
import Logging
import QTestStore
import Synchronization

/// How deliveries are sent (`serve --webhook-…`).
public struct WebhookSettings: Sendable, Equatable {
    /// The longest one attempt may take: connect, send, and read the status line.
    public var timeout: TimeInterval = 10
    /// Attempts per delivery, the first included (≥ 1).
    public var attempts: Int = 5
    /// The wait before the second attempt; each later one waits twice as long as the one before
    /// (2 s: retries after 2, 4, 8 and 16 s, five attempts over 30 s).
    public var retryDelay: TimeInterval = 2
    /// Which hosts deliveries may go to. Loopback by default: an emulator that POSTs wherever a
    /// client tells it would be a way into any network it can reach.
    public var destinations: HTTPClient.Destinations = .loopback
    /// Deliveries sent at the same time (to different webhooks: one webhook's are sent one at a
    /// time, in the order they were queued).
    public var concurrency: Int = 4

    public init() {}

    /// The wait after failed attempt `attempt` (1-based).
    func delay(after attempt: Int) -> TimeInterval {
        retryDelay * pow(2, Double(max(attempt - 1, 0)))
    }
}

/// Sends queued webhook deliveries on background threads, and records every attempt.
///
/// Deliveries are queued by the store in the transaction of the change that caused them (see
/// ``WebhookTriggers``); a write that queued some wakes the dispatcher once it has committed
/// (``EmulatorContext/write(_:)``), so requests never wait for a receiver. Each attempt is
/// bounded by ``WebhookSettings/timeout``; a refused connection, a timeout or a non-2xx answer is
/// tried again after the backoff, up to ``WebhookSettings/attempts``; a URL the emulator cannot
/// send to (https, a host not allowed) fails at once. Every attempt is written to the store with
/// its outcome, so `GET /__emulator/webhooks/deliveries` shows it and a restart with `--db` goes
/// on with what is still pending (at least once: an attempt in flight when the process died is
/// made again).
///
/// A reset or restore replaces the outbox under it: ``invalidate()`` makes the answers of
/// attempts then in flight be dropped instead of recorded into the new state.
///
/// `@unchecked Sendable`: `inFlight`, `busyWebhooks` and `epoch` are guarded by the lock of
/// `loop`, so that changing them and waking the dispatcher are one step.
final class WebhookDispatcher: @unchecked Sendable {
    let settings: WebhookSettings
    private let loop = BackgroundLoop<EmulatorContext>(name: "qtest-emulator.webhooks")
    /// Deliveries being sent, and the webhooks they belong to.
    private var inFlight: Set<Int64> = []
    private var busyWebhooks: Set<Int64> = []
    /// Bumped by every replacement of the store.
    private var epoch = 0
    private let senders = DispatchQueue(label: "qtest-emulator.webhooks.send", attributes: .concurrent)

    init(settings: WebhookSettings) {
        var settings = settings
        settings.attempts = max(settings.attempts, 1)
        settings.concurrency = max(settings.concurrency, 1)
        self.settings = settings
    }

    /// Starts the dispatcher thread for `app` (which owns the dispatcher: it is held weakly).
    func start(for app: EmulatorContext) {
        loop.start(for: app, prepare: resumePending) { [weak self] in self?.run() }
    }

    /// Makes the deliveries still pending from before (a restart with `--db`) due now.
    private func resumePending(_ app: EmulatorContext) {
        do {
            let pending = try app.write { db in try WebhookDeliveries.resumeAll(db, at: Date().timeIntervalSince1970) }
            if pending > 0 { app.options.logger.info("webhooks: \(pending) delivery(ies) pending from before, sending") }
        } catch {
            app.options.logger.warning("webhooks: cannot read pending deliveries: \(error)")
        }
    }

    /// Stops handing out deliveries. Attempts in flight are not waited for: one cut short is
    /// still pending in the store and is made again on the next start.
    func stop() {
        loop.stop { epoch += 1 }
    }

    /// Tells the dispatcher deliveries may be due.
    func wake() {
        loop.wake()
    }

    /// The store is about to be replaced (reset, snapshot restore, replacing import): attempts in
    /// flight are forgotten, and their answers not recorded.
    func invalidate() {
        loop.wake {
            epoch += 1
            inFlight.removeAll()
            busyWebhooks.removeAll()
        }
    }

    private func run() {
        while loop.isRunning, let app = loop.context {
            let (excluding, busy, currentEpoch) = loop.withLock { (inFlight, busyWebhooks, epoch) }
            let free = settings.concurrency - excluding.count
            var picked: [DueDelivery] = []
            var nextDue: Double?
            do {
                try app.read { db in
                    if free > 0 {
                        // One at a time per webhook: take the oldest of each idle webhook.
                        var seen = busy
                        for due in try WebhookDeliveries.due(db, at: Date().timeIntervalSince1970, limit: 64, excluding: excluding)
                        where picked.count < free && seen.insert(due.delivery.webhookId).inserted {
                            picked.append(due)
                        }
                    }
                    nextDue = try WebhookDeliveries.nextDue(db, excluding: excluding.union(picked.map(\.delivery.id)))
                }
            } catch {
                app.options.logger.warning("webhooks: cannot read the outbox: \(error)")
            }
            loop.withLock {
                guard epoch == currentEpoch else { return }
                for due in picked {
                    inFlight.insert(due.delivery.id)
                    busyWebhooks.insert(due.delivery.webhookId)
                    senders.async { [weak self] in self?.deliver(due, epoch: currentEpoch) }
                }
            }
            // Sleep until woken (a write queued deliveries, an attempt finished, the store was
            // replaced), the next retry is due, or a second has passed (a safety net only).
            let now = Date().timeIntervalSince1970
            if !loop.sleep(until: Date(timeIntervalSince1970: min(max(nextDue ?? now + 1, now), now + 1))) { return }
        }
    }

    private func isCurrent(_ epoch: Int) -> Bool {
        // `stop()` bumps the epoch too, so the two reads need not be one step.
        loop.isRunning && loop.withLock { epoch == self.epoch }
    }

    /// Makes one attempt and records it.
    private func deliver(_ due: DueDelivery, epoch: Int) {
        let delivery = due.delivery
        defer {
            loop.wake {
                if epoch == self.epoch {
                    inFlight.remove(delivery.id)
                    busyWebhooks.remove(delivery.webhookId)
                }
            }
        }
        guard isCurrent(epoch), let app = loop.context else { return }
        let attempt = delivery.attempts + 1
        let request = Self.request(for: due)
        let started = DispatchTime.now().uptimeNanoseconds
        var status: Int?
        var failure: HTTPClient.Failure?
        do {
            status = try HTTPClient.send(request, timeout: settings.timeout, destinations: settings.destinations).status
        } catch let error as HTTPClient.Failure {
            failure = error
        } catch {
            failure = .init(kind: .transient, description: "\(error)")
        }
        let durationMs = (Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e4).rounded() / 100
        let delivered = status.map { (200..<300).contains($0) } ?? false
        let outcome: WebhookAttemptOutcome
        if delivered {
            outcome = .delivered
        } else if failure?.kind == .unusable || attempt >= settings.attempts {
            outcome = .failed
        } else {
            outcome = .retry(dueAt: Date().timeIntervalSince1970 + settings.delay(after: attempt))
        }
        let error = failure?.description ?? (delivered ? nil : "HTTP \(status ?? 0): not a 2xx answer")
        let logger = app.options.logger
        logger.debug("webhook \(delivery.webhookId): \(delivery.event) delivery \(delivery.id) attempt \(attempt) → \(status.map(String.init) ?? error ?? "?") in \(durationMs) ms")
        do {
            try app.write { db in
                // A reset or restore since the attempt started: its answer belongs to no delivery now.
                guard isCurrent(epoch) else { return }
                try WebhookDeliveries.record(db, delivery.id, attempt: attempt, url: due.url, status: status, error: error,
                                             durationMs: durationMs, outcome: outcome, at: app.now)
            }
        } catch {
            logger.warning("webhooks: cannot record attempt \(attempt) of delivery \(delivery.id): \(error)")
        }
        if case .failed = outcome {
            logger.warning("webhook \(delivery.webhookId): gave up on \(delivery.event) delivery \(delivery.id) after \(attempt) attempt(s): \(error ?? "")")
        }
    }

    /// The POST for `due`: its stored body, the content type its webhook asks for, and the signature.
    static func request(for due: DueDelivery) -> HTTPClient.Request {
        let body = Array(due.delivery.payload.utf8)
        var headers = [
            ("Content-Type", due.responseType == "json" ? "application/json" : "text/plain; charset=utf-8"),
            ("User-Agent", "qtest-emulator/\(EmulatorVersion.emulator)"),
        ]
        if let secret = due.secretKey, !secret.isEmpty {
            headers.append(("x-qTest-signature", signature(of: body, key: secret)))
        }
        return HTTPClient.Request(url: due.url, body: body, headers: headers)
    }

    /// `x-qTest-signature`: the lowercase hex HMAC-SHA256 of the body's bytes, keyed with the
    /// UTF-8 bytes of the webhook's `secretKey`. qTest does not document its algorithm; this is
    /// the emulator's, and what a receiver under test should check.
    static func signature(of body: [UInt8], key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
