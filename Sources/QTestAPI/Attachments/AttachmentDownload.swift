import Foundation
import HTTPServer
import QTestStore

/// The answer to `GET …/attachments/{attachmentId}`: the stored bytes as they were uploaded,
/// with the stored `Content-Type` and a `Content-Disposition` naming the file.
///
/// The body is the one buffer the store read the bytes into; the server sends it from there.
enum AttachmentDownload {
    static func response(_ attachment: AttachmentRecord, _ bytes: Data) -> HTTPResponse {
        var response = HTTPResponse(status: 200, body: bytes)
        response.headers["Content-Type"] = attachment.contentType
        response.headers["Content-Disposition"] = contentDisposition(attachment.name)
        return response
    }

    /// `attachment; filename="report.txt"`, plus RFC 6266's `filename*=UTF-8''…` when the name is
    /// not plain ASCII (the quoted fallback then has `_` for what ASCII cannot say).
    ///
    /// ```swift
    /// AttachmentDownload.contentDisposition("résumé.pdf")
    /// // attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf
    /// ```
    static func contentDisposition(_ name: String) -> String {
        let fallback = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "\\" ? scalar : "_"
        }))
        var value = "attachment; filename=\"\(fallback)\""
        if fallback != name {
            let encoded = name.utf8.map { byte -> String in
                Self.attributeCharacters.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
            value += "; filename*=UTF-8''" + encoded
        }
        return value
    }

    /// RFC 8187 `attr-char`: sent as they are in an extended value, everything else percent-encoded.
    private static let attributeCharacters = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8))
}
