import Foundation
import QTestStore

/// The colours of execution statuses as a stylesheet (`ui/statuses.css`): one class per status,
/// `.s601 { --status: #6cbf54 }`, which the dashboard's dots, chips and bars paint with.
///
/// A stylesheet rather than `style` attributes because the pages' Content-Security-Policy
/// allows styles from files only. Status ids are unique across projects, so one sheet serves
/// every page. A status's colour is data (a seed or a client set it): only `#rgb`, `#rgba`,
/// `#rrggbb` and `#rrggbbaa` are written out; anything else gets the colour its name suggests,
/// so a colour can never carry CSS of its own.
enum StatusStyles {
    static func stylesheet(_ statuses: [ExecutionStatusRecord]) -> String {
        var css = "/* execution statuses: --status is each one's colour */\n"
        for status in statuses.sorted(by: { $0.id < $1.id }) {
            css += ".s\(status.id){--status:\(color(of: status))}\n"
        }
        return css
    }

    /// The colour to paint a status with.
    static func color(of status: ExecutionStatusRecord) -> String {
        isHexColor(status.color) ? status.color : fallback(name: status.name)
    }

    /// `#` and 3, 4, 6 or 8 hex digits.
    static func isHexColor(_ text: String) -> Bool {
        let digits = text.utf8.dropFirst()
        return text.utf8.first == UInt8(ascii: "#") && [3, 4, 6, 8].contains(digits.count)
            && digits.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
    }

    /// qTest's usual colours for the usual names; grey for anything else.
    static func fallback(name: String) -> String {
        switch name.lowercased() {
        case "passed": "#6cbf54"
        case "failed": "#e5484d"
        case "incomplete", "in progress": "#f5a623"
        case "blocked": "#8b4513"
        case "skipped": "#9b8ce0"
        default: "#9aa0a6"
        }
    }
}
