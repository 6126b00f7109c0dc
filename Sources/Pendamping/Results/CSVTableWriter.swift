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

    /// The text so far, as UTF-8 bytes (appending bytes, not `String`s, keeps writing a
    /// 750,000-row file cheap).
    private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        appendRow(header.map(Cell.text))
    }

    public mutating func appendRow(_ cells: [Cell]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { bytes.append(44) }
            switch cell {
            case .number(let s): bytes.append(contentsOf: s.utf8)
            case .text(let s): appendText(s)
            }
        }
        bytes.append(10)
    }

    /// A text cell: `'` before formula-like text, quoted when it holds a delimiter, quote or
    /// line break. `O(len)`.
    private mutating func appendText(_ s: String) {
        let utf8 = s.utf8
        let formula = utf8.first.map(Self.isFormulaStart) ?? false
        let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        if needsQuotes { bytes.append(34) }
        if formula { bytes.append(39) }
        if needsQuotes {
            for b in utf8 { if b == 34 { bytes.append(34) }; bytes.append(b) }
            bytes.append(34)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

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
