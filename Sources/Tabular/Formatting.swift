/// Locale-free number formatting, so outputs are byte-identical everywhere. Each format is
/// written once, as bytes appended to a buffer (what the CSV writer uses, with no `String`
/// per cell); the `String` forms decode those bytes.

/// Appends the decimal digits of `n` (with `-` when negative). `O(digits)`.
@inline(__always)
package func appendInteger(_ n: Int64, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(n.magnitude, minimumCount: 1, to: &out)
}

/// Appends the decimal digits of `u`, padded with leading zeros to `minimumCount`: the digits
/// are made from the right in a small buffer on the stack and appended at once. `O(digits)`.
@inline(__always)
package func appendDigits(_ u: UInt64, minimumCount: Int, to out: inout [UInt8]) {
    // 20 digits hold any UInt64; longer padding goes first.
    if minimumCount > 20 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumCount - 20)) }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
        var v = u, k = 20
        repeat { k -= 1; buffer[k] = UInt8(truncatingIfNeeded: v % 10) &+ 48; v /= 10 } while v > 0
        while k > 20 - min(minimumCount, 20) { k -= 1; buffer[k] = UInt8(ascii: "0") }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k..<20]))
    }
}

/// Appends `value` with exactly `digits` decimals, rounded half away from zero. `O(digits)`.
package func appendFixed(_ value: Double, _ digits: Int, to out: inout [UInt8]) {
    guard value.isFinite else { out.append(contentsOf: (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")).utf8); return }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { out.append(contentsOf: String(value).utf8); return }
    let n = UInt64(scaled)
    if value < 0 && n != 0 { out.append(UInt8(ascii: "-")) }
    guard digits > 0 else { appendDigits(n, minimumCount: 1, to: &out); return }
    let unit = UInt64(scale)
    appendDigits(n / unit, minimumCount: 1, to: &out)
    out.append(UInt8(ascii: "."))
    appendDigits(n % unit, minimumCount: digits, to: &out)
}

/// `value` with exactly `digits` decimals, rounded half away from zero. `O(digits)`.
package func formatFixed(_ value: Double, _ digits: Int) -> String {
    var bytes: [UInt8] = []
    appendFixed(value, digits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// `text`, a number written with a decimal point, with the decimal sign of `language`: a
/// comma in Indonesian (`0,685`), the point in English. `O(length)`.
package func decimalSign(_ text: String, _ language: Language) -> String {
    language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
}

/// ``formatFixed(_:_:)`` with the decimal sign of `language`. `O(digits)`.
package func formatFixed(_ value: Double, _ digits: Int, _ language: Language) -> String {
    decimalSign(formatFixed(value, digits), language)
}

/// `value` rounded to 6 decimals, for JSON numbers.
package func rounded6(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
