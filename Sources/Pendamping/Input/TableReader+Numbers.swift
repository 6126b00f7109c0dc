import Foundation
import Tabular

// Numbers read from the cells' bytes: plain decimals and integers without a detour through text.
extension TableReader {
    /// A finite number, with a decimal comma allowed only when the file's delimiter is `;`.
    /// Plain decimals (`-3.04751`) are read from the bytes (``plainDecimal(_:)``), the rest
    /// as text. `O(length)`.
    mutating func number(_ row: Row, _ column: InputColumn, required: Bool = false, in range: ClosedRange<Double>? = nil,
                         rangeText: String? = nil) -> Double? {
        guard let cell = required ? requiredCell(row, column) : cell(row, column) else { return nil }
        guard let v = Self.plainDecimal(cell) ?? written(number: cell.string, row, column) else { return nil }
        if let range, !range.contains(v) {
            add(row.line, column, TableProblem.outside(value: cell.string, range: rangeText ?? "[\(range.lowerBound), \(range.upperBound)]"), id: row.id)
            return nil
        }
        return v
    }

    /// A number in any other form `Double(String)` reads (exponents, a decimal comma in a
    /// `;`-delimited file), finite; an issue otherwise. `O(length)`.
    private mutating func written(number raw: String, _ row: Row, _ column: InputColumn) -> Double? {
        var t = raw
        if t.utf8.contains(UInt8(ascii: ",")) {
            guard file.delimiter == UInt8(ascii: ";") else {
                add(row.line, column, TableProblem.decimalComma(Echo.echoed(raw, Echo.number)), id: row.id)
                return nil
            }
            t = t.replacingOccurrences(of: ",", with: ".")
        }
        guard t.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }) ||
              ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(t.lowercased()),
              let v = Double(t) else {
            add(row.line, column, TableProblem.notNumber(Echo.echoed(raw, Echo.number)), id: row.id)
            return nil
        }
        guard v.isFinite else {
            add(row.line, column, TableProblem.notFiniteNumber(Echo.echoed(raw, { Echo.number($0) || Echo.word($0) }, limit: 12)), id: row.id)
            return nil
        }
        return v
    }

    /// Powers of ten exactly representable as doubles.
    private static let exactPowers: [Double] = (0...22).reduce(into: []) { p, k in p.append(k == 0 ? 1 : p[k - 1] * 10) }

    /// The value of `[+-]digits[.digits]` when its digits, read as one integer, stay below
    /// 2⁵³ and at most 22 follow the point: then that integer and the power of ten are exact
    /// doubles and one division rounds correctly, so the result equals `Double(String)`'s
    /// (Clinger, "How to read floating point numbers accurately", PLDI 1990). Nil for any
    /// other text. `O(length)`.
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var k = 0
        let negative = b.first == UInt8(ascii: "-")
        if negative || b.first == UInt8(ascii: "+") { k = 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false, digitsBefore = 0
        while k < b.count {
            let c = b[k]
            if c == UInt8(ascii: ".") {
                guard !point else { return nil }
                point = true; digitsBefore = digits
            } else {
                guard c >= 48, c <= 57, digits < 16 else { return nil }
                mantissa = mantissa * 10 + UInt64(c - 48)
                digits += 1
                if point { fraction += 1 }
            }
            k += 1
        }
        guard digits > 0, !point || (digitsBefore > 0 && fraction > 0), mantissa < 1 << 53, fraction <= 22 else { return nil }
        let v = Double(mantissa) / exactPowers[fraction]
        return negative ? -v : v
    }

    /// A whole number in `range`.
    mutating func integer(_ row: Row, _ column: InputColumn, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let cell = required ? requiredCell(row, column) : cell(row, column) else { return nil }
        guard let v = Self.plainInteger(cell) ?? Int(cell.string), range.contains(v) else {
            add(row.line, column, TableProblem.notWholeNumber(Echo.echoed(cell.string, Echo.number), range: "[\(range.lowerBound), \(range.upperBound)]"), id: row.id)
            return nil
        }
        return v
    }

    /// `[+-]digits` with at most 18 digits, as `Int(String)` reads it; nil otherwise. `O(length)`.
    static func plainInteger(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = b.first == UInt8(ascii: "-")
        let k0 = negative || b.first == UInt8(ascii: "+") ? 1 : 0
        guard b.count > k0, b.count - k0 <= 18 else { return nil }
        var v = 0
        for k in k0..<b.count {
            let c = b[k]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return negative ? -v : v
    }
}
