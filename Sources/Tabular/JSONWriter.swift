/// Writes JSON text straight into bytes, for the two large JSON outputs (`map.geojson` and the
/// report's data): `JSONEncoder` over a value tree took most of 15 s at tier L (250,000
/// mentees), this writer a small fraction of it. Strings are escaped per RFC 8259, and `<` is
/// written `\u003c` so that the text can sit inside an HTML `<script>` element. Numbers are
/// fixed-point (``formatFixed(_:_:)``), so the output is the same on every machine.
/// - Complexity: `O(output)`.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    package mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    package mutating func string(_ s: String) {
        bytes.append(0x22)
        // Runs of bytes that need no escape are copied whole; most strings are one such run.
        var s = s
        s.withUTF8 { utf8 in
            var from = 0
            for k in utf8.indices where utf8[k] == 0x22 || utf8[k] == 0x5C || utf8[k] == 0x3C || utf8[k] < 0x20 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[from..<k]))
                escape(utf8[k])
                from = k + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[from...]))
        }
        bytes.append(0x22)
    }

    /// Writes the escape of one byte that may not stand as itself in a JSON string inside an
    /// HTML script element: `"`, `\`, `<` and the control characters. `O(1)`.
    private mutating func escape(_ b: UInt8) {
        switch b {
        case 0x22: bytes.append(0x5C); bytes.append(0x22)
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x3C: raw("\\u003c")
        case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
        case 0x0D: bytes.append(0x5C); bytes.append(0x72)
        case 0x09: bytes.append(0x5C); bytes.append(0x74)
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00"); bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 15)])
        }
    }

    package mutating func string(_ s: String?) { if let s { string(s) } else { raw("null") } }

    /// A number rounded half away from zero to at most `digits` (≤ 9) decimals, trailing zeros
    /// dropped, digits written straight into the buffer (the same text as ``formatFixed(_:_:)``
    /// less its trailing zeros); null when absent or not finite.
    package mutating func number(_ v: Double?, _ digits: Int) {
        guard let v, v.isFinite else { raw("null"); return }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * Double(scale)).rounded()
        guard scaled < 9e15 else { bytes.append(contentsOf: String(v).utf8); return }
        let n = Int64(scaled)
        if n == 0 { bytes.append(0x30); return }
        if v < 0 { bytes.append(0x2D) }
        int(Int(n / scale))
        var frac = n % scale, width = digits
        guard frac > 0 else { return }
        while frac % 10 == 0 { frac /= 10; width -= 1 }
        bytes.append(0x2E)
        appendDigits(UInt64(frac), minimumCount: width, to: &bytes)
    }

    /// A whole number in decimal. `O(digits)`.
    package mutating func int(_ v: Int) { appendInteger(Int64(v), to: &bytes) }

    /// `"key":` (the key is written as given: our own ASCII names).
    package mutating func key(_ k: StaticString) { bytes.append(0x22); raw(k); bytes.append(0x22); bytes.append(0x3A) }

    package mutating func comma() { bytes.append(0x2C) }
}
