import Foundation

/// Trimming names and automation content the way the bulk paths need it, per result.
enum WhiteSpace {
    /// `text` without `.whitespacesAndNewlines` at either end. Foundation's trimming copies
    /// through NSString even when there is nothing to trim, which was a tenth of applying a
    /// 10,000-result upload; almost no name or content has any, so only those whose first or
    /// last scalar is in the set go to Foundation. (The set is looked up, not Unicode's
    /// White_Space property: Foundation's also holds U+200B.)
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        guard set.contains(first) || set.contains(last) else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let set = CharacterSet.whitespacesAndNewlines
}
