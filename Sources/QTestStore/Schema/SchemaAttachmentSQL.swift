// The SQL of "v7 attachment blobs". Migrations are append-only: this text never changes once
// released.

extension Schema {
    /// Attachment bytes move out of `attachments` into a table of their own, keyed by the
    /// attachment id. Listing attachments (every test log answer does) then reads only the small
    /// metadata rows: with the bytes in the same row, SQLite walks a large blob's overflow pages
    /// to reach the columns stored after it. Deleting an attachment deletes its bytes (cascade).
    static let attachmentBlobsSQL = """
    CREATE TABLE attachment_blobs (
        attachment_id INTEGER PRIMARY KEY NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
        bytes BLOB NOT NULL
    );
    INSERT INTO attachment_blobs (attachment_id, bytes) SELECT id, data FROM attachments;
    ALTER TABLE attachments DROP COLUMN data;
    """
}
