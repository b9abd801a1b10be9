import Foundation
import HTTPServer
import QTestStore

/// `ui/projects/{projectId}/attachments/{attachmentId}`: an attachment's bytes for the
/// dashboard, whatever object holds it (the qTest download route needs the owner's path and a
/// user token, which a browser on the dashboard does not have).
///
/// Uploaded files are data from clients, served here on the emulator's own origin, so only
/// raster images are ever served as what they are (shown inline on run pages); anything else
/// — HTML, SVG, scripts — goes out as `application/octet-stream` to download, and every answer
/// carries a sandboxing policy and `nosniff`.
enum AttachmentPreview {
    /// Image types a browser shows without running anything.
    static let inlineTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"]

    /// The type to show `attachment` inline as, nil when it is downloaded instead. A file sent
    /// as `application/octet-stream` (many uploaders do) is read by its extension.
    static func inlineType(_ attachment: AttachmentRecord) -> String? {
        let declared = attachment.contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if inlineTypes.contains(declared) { return declared }
        if declared == "image/jpg" { return "image/jpeg" }  // a common misspelling
        guard declared.isEmpty || declared == "application/octet-stream" else { return nil }
        let ext = attachment.name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        default: return nil
        }
    }

    static func respond(_ request: DashboardRequest) throws -> HTTPResponse {
        let projectID = try request.pathID("projectId")
        let id = try request.pathID("attachmentId")
        let (attachment, bytes) = try request.app.read { db -> (AttachmentRecord, Data) in
            guard let attachment = try RunHistory.attachment(db, projectId: projectID, id) else {
                throw APIError.notFound("Attachment \(id) does not exist in project \(projectID)")
            }
            return (attachment, try Attachments.bytes(db, attachment.id))
        }
        let inline = inlineType(attachment)
        var response = HTTPResponse(status: 200, body: bytes)
        response.headers["Content-Type"] = inline ?? "application/octet-stream"
        let disposition = AttachmentDownload.contentDisposition(attachment.name)
        response.headers["Content-Disposition"] = inline == nil ? disposition : "inline" + disposition.dropFirst("attachment".count)
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        return response
    }
}
