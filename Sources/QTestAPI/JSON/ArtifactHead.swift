import Foundation
import QTestStore

/// What the answers for releases, builds, cycles, modules and requirements begin with, in the
/// order qTest writes it: `links, id, name, order, pid, created_date, last_modified_date`.
protocol ArtifactHead {
    var id: Int64 { get }
    var name: String { get }
    var sortOrder: Int { get }
    var pid: String { get }
    var createdDate: Date { get }
    var lastModifiedDate: Date { get }
}

extension ReleaseRecord: ArtifactHead {}
extension BuildRecord: ArtifactHead {}
extension TestCycleRecord: ArtifactHead {}
extension ModuleRecord: ArtifactHead {}
extension RequirementRecord: ArtifactHead {}

extension Wire {
    /// The artifact's common keys after `links`, then `rest` (an object literal) in its order.
    static func artifact(_ a: some ArtifactHead, links: [JSON], _ rest: JSON) -> JSON {
        var object = JSONObject([
            ("links", .array(links)), ("id", .int(a.id)), ("name", .string(a.name)), ("order", .number(a.sortOrder)),
            ("pid", .string(a.pid)), ("created_date", Wire.date(a.createdDate)), ("last_modified_date", Wire.date(a.lastModifiedDate)),
        ])
        for (key, value) in rest.objectValue ?? [] { object.set(key, value) }
        return .object(object)
    }
}
