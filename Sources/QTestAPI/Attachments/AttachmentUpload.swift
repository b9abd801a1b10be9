import Foundation
import HTTPServer

/// What a `POST …/blob-handles` carries: the file's name, its type and its bytes.
///
/// qTest's form (both swagger SDKs): the raw file as the body, its name in `File-Name` and its
/// type in `Content-Type`. Some third-party clients post `multipart/form-data` with a `file`
/// part instead; then the name comes from `File-Name` if sent, else from the part's
/// `filename`, and the type from the part's own `Content-Type`.
///
/// ```swift
/// let upload = try AttachmentUpload(request)   // 400 without a name
/// upload.name; upload.contentType; upload.data
/// ```
struct AttachmentUpload {
    let name: String
    let contentType: String
    let data: Data

    init(_ request: HTTPRequest) throws {
        let fileName = Self.nonBlank(request.headers["File-Name"])
        let contentType = request.headers["Content-Type"] ?? ""
        guard MultipartFormData.isFormData(contentType) else {
            guard let fileName else { throw APIError.badRequest("Header 'File-Name' is required") }
            name = fileName
            self.contentType = contentType.trimmingCharacters(in: .whitespaces)
            data = request.body
            return
        }
        let parts = try MultipartFormData.parse(request.body, boundary: try MultipartFormData.boundary(of: contentType))
        guard let file = parts.first(where: { $0.name == "file" }) ?? parts.first(where: { $0.filename != nil }) else {
            throw APIError.badRequest("A multipart/form-data upload needs a part named 'file'")
        }
        guard let partName = fileName ?? Self.nonBlank(file.filename) else {
            throw APIError.badRequest("Header 'File-Name' is required (or a filename on the 'file' part)")
        }
        name = partName
        self.contentType = file.contentType ?? ""
        data = file.body
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
