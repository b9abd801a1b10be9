import Foundation
import GRDB

/// A record whose id the store allocates when it is 0 and reserves when one is given (seeds and
/// fixtures keep their ids), refusing one already taken: site-level records (profiles, groups,
/// site templates, LDAP configs and users) are created this way.
///
/// ```swift
/// let profile = try ProfileRecord(id: 0, …).insertAllocating(db, .profile, "Profile")
/// ```
protocol AllocatedRecord: StoreRecord {
    var id: Int64 { get set }
}

extension AllocatedRecord {
    /// Inserts a copy with its id allocated (0) or reserved (given); a taken id is a 409 naming `what`.
    func insertAllocating(_ db: Database, _ kind: ObjectKind, _ what: String) throws -> Self {
        var record = self
        if record.id != 0, try Self.exists(db, key: record.id) { throw StoreError.conflict("\(what) id \(record.id) already exists") }
        record.id = try IDs.use(db, kind, record.id == 0 ? nil : record.id)
        try record.insert(db)
        return record
    }
}

extension ProfileRecord: AllocatedRecord {}
extension UserGroupRecord: AllocatedRecord {}
extension SiteTemplateRecord: AllocatedRecord {}
extension LdapConfigRecord: AllocatedRecord {}
extension LdapUserRecord: AllocatedRecord {}
