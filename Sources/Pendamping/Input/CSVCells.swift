/// The fields of many records in one byte buffer, unescaped (quotes taken off, `""` as one
/// quote, the `'` our writer puts before a formula-like cell removed).
///
/// Record `r` starts at byte `byteStart[r]`; its fields are `ends[fieldStart[r]..<fieldStart[r + 1]]`,
/// each the end of its field counted from the record's start; one separator byte follows each
/// field but the last, so a field begins one past the end of the one before it (the first at
/// 0), and a record without quotes is its line as written. Per field 4 bytes of index besides
/// its text, where a `[String]` per record cost a string and an array header.
/// - Complexity: appending is amortised `O(bytes)`.
struct CSVCells: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    private(set) var fieldStart: [Int] = [0]
    private(set) var byteStart: [Int] = []
    /// The line each record starts on.
    private(set) var lines: [Int] = []

    init() {}

    init(_ records: [(line: Int, fields: [String])]) {
        for r in records {
            begin(line: r.line)
            for (k, f) in r.fields.enumerated() { beginField(first: k == 0); bytes.append(contentsOf: f.utf8); endField() }
            endRecord()
        }
    }

    var count: Int { lines.count }

    /// Room for a file of `n` bytes (a field takes at least 2 bytes, a record 8): untouched
    /// room costs address space, not memory. `O(1)`.
    mutating func reserve(bytes n: Int) {
        bytes.reserveCapacity(n); ends.reserveCapacity(n / 2)
        fieldStart.reserveCapacity(n / 8); byteStart.reserveCapacity(n / 8); lines.reserveCapacity(n / 8)
    }

    /// Starts a record on `line`. `O(1)` amortised.
    @inline(__always) mutating func begin(line: Int) {
        byteStart.append(bytes.count)
        lines.append(line)
    }

    /// Puts the separator before every field but a record's first. `O(1)` amortised.
    @inline(__always) mutating func beginField(first: Bool) { if !first { bytes.append(0x2C) } }

    /// Ends the field whose bytes were appended since the last field's end. `O(1)` amortised.
    @inline(__always) mutating func endField() {
        ends.append(UInt32(truncatingIfNeeded: bytes.count - byteStart[byteStart.count - 1]))
    }

    @inline(__always) mutating func endRecord() { fieldStart.append(ends.count) }

    /// A field ending `offset` bytes after the open record's start, for a record copied
    /// whole (``append(_:)`` of its line). `O(1)` amortised.
    @inline(__always) mutating func endField(at offset: Int) { ends.append(UInt32(truncatingIfNeeded: offset)) }

    /// How many field ends are stored, and dropping those after such a count (a record's
    /// whole-line copy abandoned). `O(1)`.
    var fieldMark: Int { ends.count }
    mutating func dropFields(after mark: Int) { ends.removeSubrange(mark...) }

    /// Bytes appended to the open record so far (a record's fields are addressed in 32 bits).
    var openRecordBytes: Int { bytes.count - (byteStart.last ?? 0) }

    @inline(__always) mutating func append(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }
    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }
    /// Drops the byte at `offset` from the end of the open field (for the formula guard). `O(field)`.
    mutating func remove(at offset: Int) { bytes.remove(at: offset) }
    var byteCount: Int { bytes.count }
    func byte(_ k: Int) -> UInt8 { bytes[k] }

    /// Record `r`'s fields as strings. `O(its bytes)`.
    func strings(_ r: Int) -> [String] {
        withView { view in (0..<view.fieldCount(r)).map { view.field(r, $0).string } }
    }

    /// Appends `later`'s records, their lines moved by `lineOffset`. `O(later's size)`.
    mutating func append(_ later: CSVCells, lineOffset: Int) {
        let b = bytes.count, f = ends.count
        bytes.append(contentsOf: later.bytes)
        ends.append(contentsOf: later.ends)
        fieldStart.append(contentsOf: later.fieldStart.dropFirst().lazy.map { $0 + f })
        byteStart.append(contentsOf: later.byteStart.lazy.map { $0 + b })
        lines.append(contentsOf: later.lines.lazy.map { $0 + lineOffset })
    }

    /// Calls `body` with a view of the records that reads fields without copying them; the
    /// view is valid only inside `body`. `O(1)` besides `body`.
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                try fieldStart.withUnsafeBufferPointer { fs in
                    try byteStart.withUnsafeBufferPointer { bs in try body(View(bytes: b, ends: e, fieldStart: fs, byteStart: bs)) }
                }
            }
        }
    }

    /// Unsafe, borrowed access to the cells (see ``withView(_:)``).
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<UInt32>
        let fieldStart: UnsafeBufferPointer<Int>
        let byteStart: UnsafeBufferPointer<Int>

        func fieldCount(_ r: Int) -> Int { fieldStart[r + 1] - fieldStart[r] }

        /// Field `f` of record `r`, as written (no trimming). `O(1)`.
        @inline(__always) func field(_ r: Int, _ f: Int) -> UnsafeBufferPointer<UInt8> {
            let e = fieldStart[r] + f, base = byteStart[r]
            let lo = base + (f == 0 ? 0 : Int(ends[e - 1]) + 1), hi = base + Int(ends[e])
            return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Without leading and trailing spaces and tabs. `O(spaces)`.
    @inline(__always) var trimmedASCII: UnsafeBufferPointer<UInt8> {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 { lo += 1 }
        while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 { hi -= 1 }
        return lo == startIndex && hi == endIndex ? self : UnsafeBufferPointer(rebasing: self[lo..<hi])
    }

    var string: String { String(decoding: self, as: UTF8.self) }
}
