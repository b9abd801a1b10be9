import Foundation
import QTestStore

/// `WebhookRequest` in, `WebhookVM` out (camelCase keys, as the vendor's spec names them).
enum WebhookWire {
    /// A `WebhookVM`. A webhook for every project shows project 0, as it was registered.
    static func encode(_ hook: Webhook) -> JSON {
        let r = hook.record
        let projects = (r.allProjects ? [Int64(0)] : []) + hook.projectIds
        return [
            "id": .int(r.id),
            "name": .string(r.name),
            "url": .string(r.url),
            "events": .array(r.eventNames.map { .string($0) }),
            "secretKey": .optional(r.secretKey),
            "responseType": .string(r.responseType),
            "projectIds": .array(projects.map { .int($0) }),
            "createdDate": Wire.date(r.createdDate),
            "lastModifiedDate": Wire.date(r.lastModifiedDate),
        ]
    }

    /// A `WebhookRequest` body as a draft (POST): `url` and `events` are required.
    static func draft(_ body: JSON) throws -> WebhookDraft {
        let body = try body.requireObject()
        guard let events = try strings(body, "events") else { throw APIError.badRequest("Field 'events' is required") }
        return WebhookDraft(name: try body.optionalString("name") ?? "", url: try body.requiredString("url"), events: events,
                            secretKey: try body.optionalString("secretKey"), responseType: try body.optionalString("responseType") ?? "text",
                            projectIds: try body.optionalIntArray("projectIds") ?? [])
    }

    /// A `WebhookRequest` body as a patch (PUT): what it sets changes, the rest stays.
    static func patch(_ body: JSON) throws -> WebhookPatch {
        let body = try body.requireObject()
        return WebhookPatch(name: try body.optionalString("name"), url: try body.optionalString("url"), events: try strings(body, "events"),
                            secretKey: try body.optionalString("secretKey"), responseType: try body.optionalString("responseType"),
                            projectIds: try body.optionalIntArray("projectIds"))
    }

    private static func strings(_ body: JSON, _ key: String) throws -> [String]? {
        guard let items = try body.optionalArray(key) else { return nil }
        return try items.enumerated().map { index, item in
            guard let text = item.stringValue else { throw APIError.badRequest("Field '\(key)[\(index)]' must be a string") }
            return text
        }
    }
}
