import Foundation

/// Builds a CSV text (`,`-delimited, LF line ends, RFC 4180 quoting).
///
/// Text cells that start with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with
/// `'` so spreadsheets do not run them as formulas; numbers we format ourselves are written
/// as they are (a negative latitude stays a number).
public struct CSVTableWriter {
    /// A cell: text (escaped, guarded against formulas) or a number we formatted (written as is).
    public enum Cell {
        /// Text: quoted when needed, `'`-prefixed when a spreadsheet would run it.
        case text(String)
        /// A number already formatted: written as it is.
        case number(String)
    }

    /// The text so far, as UTF-8 bytes (appending bytes, not `String`s, keeps writing a
    /// 750,000-row file cheap).
    package private(set) var bytes: [UInt8] = []
    /// Cells written in the current row (a `,` goes before each but the first).
    private var cellsInRow = 0

    /// A table that starts with `header`.
    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        appendRow(header.map(Cell.text))
    }

    /// A writer for rows that continue another writer's table (no header), e.g. one part of a
    /// table rendered on another core.
    package init() { bytes.reserveCapacity(1 << 16) }

    /// Appends one row of `cells`.
    public mutating func appendRow(_ cells: [Cell]) {
        for cell in cells {
            switch cell {
            case .number(let s): number(s)
            case .text(let s): text(s)
            }
        }
        endRow()
    }

    /// Starts a cell. `O(1)`.
    @inline(__always)
    private mutating func nextCell() {
        if cellsInRow > 0 { bytes.append(44) }
        cellsInRow += 1
    }

    /// Ends the current row. `O(1)`.
    public mutating func endRow() {
        bytes.append(10)
        cellsInRow = 0
    }

    /// A number cell written as it is (already formatted). `O(len)`.
    public mutating func number(_ s: String) {
        nextCell()
        bytes.append(contentsOf: s.utf8)
    }

    /// An integer cell. `O(digits)`.
    public mutating func integer(_ n: Int) {
        nextCell()
        appendInteger(Int64(n), to: &bytes)
    }


    /// A `load/capacity` cell. `O(digits)`.
    package mutating func load(_ load: Int, of capacity: Int) {
        nextCell()
        appendInteger(Int64(load), to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        appendInteger(Int64(capacity), to: &bytes)
    }

    /// A fixed-point cell: `units / 10^digits` written with exactly `digits` decimals (so an
    /// integer count of millionths prints as `0.685000`), empty for nil. `O(digits)`.
    package mutating func fixedPoint(_ units: Int64?, digits: Int) {
        nextCell()
        guard let units else { return }
        var unit: UInt64 = 1
        for _ in 0..<digits { unit *= 10 }
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units.magnitude / unit, minimumCount: 1, to: &bytes)
        guard digits > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        appendDigits(units.magnitude % unit, minimumCount: digits, to: &bytes)
    }

    /// A number cell with `digits` decimals (``formatFixed(_:_:)``). `O(digits)`.
    public mutating func fixed(_ value: Double, _ digits: Int) {
        nextCell()
        appendFixed(value, digits, to: &bytes)
    }

    /// A text cell: `'` before formula-like text, quoted when it holds a delimiter, quote or
    /// line break. `O(len)`.
    public mutating func text(_ s: String) {
        nextCell()
        var s = s
        s.withUTF8 { utf8 in
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
    }

    /// The text so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The text as bytes for a file.
    public var data: Data { Data(bytes) }

    /// Prefixes formula-like text with `'`; the CSV reader takes it off again. `O(1)`.
    package static func neutralise(_ s: String) -> String {
        guard let first = s.utf8.first, isFormulaStart(first) else { return s }
        return "'" + s
    }

    /// Whether a cell starting with `byte` could run as a spreadsheet formula.
    package static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Quotes a field when it holds a delimiter, quote or line break. `O(len)`.
    package static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
