import Foundation

/// Builds a CSV text (`,`-delimited, LF line ends, RFC 4180 quoting).
///
/// Text cells that start with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with
/// `'` so spreadsheets do not run them as formulas; numbers we format ourselves are written
/// as they are (a negative latitude stays a number).
public struct CSVTableWriter {
    public enum Cell {
        case text(String)
        case number(String)
    }

    private(set) var output = ""

    public init(header: [String]) {
        output.reserveCapacity(1 << 16)
        appendRow(header.map(Cell.text))
    }

    public mutating func appendRow(_ cells: [Cell]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { output += "," }
            switch cell {
            case .number(let s): output += s
            case .text(let s): output += Self.quote(Self.neutralise(s))
            }
        }
        output += "\n"
    }

    public var text: String { output }

    /// Prefixes formula-like text with `'`; the CSV reader takes it off again. `O(1)`.
    static func neutralise(_ s: String) -> String {
        guard let first = s.utf8.first, isFormulaStart(first) else { return s }
        return "'" + s
    }

    /// Whether a cell starting with `byte` could run as a spreadsheet formula.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Quotes a field when it holds a delimiter, quote or line break. `O(len)`.
    static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
