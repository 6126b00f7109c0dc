import Tabular

/// Appends an integer score as a decimal in [0, 1] with six digits. `O(1)`.
@inline(__always)
func appendScore(_ units: Int64, to out: inout [UInt8]) {
    let scale = UInt64(ScoringModel.integerScale)
    if units < 0 { out.append(UInt8(ascii: "-")) }
    let u = units.magnitude
    appendDigits(u / scale, minimumCount: 1, to: &out)
    out.append(UInt8(ascii: "."))
    appendDigits(u % scale, minimumCount: 6, to: &out)
}

/// An integer score as a decimal in [0, 1] with six digits.
public func formatScore(_ units: Int64) -> String {
    var bytes: [UInt8] = []
    appendScore(units, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

extension CSVTableWriter {
    /// A score cell (``formatScore(_:)``), empty for nil. `O(1)`.
    mutating func score(_ units: Int64?) { fixedPoint(units, digits: 6) }
}
