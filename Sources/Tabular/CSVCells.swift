import Foundation

/// The fields of many records, unescaped (quotes taken off, `""` as one quote, the `'` our
/// writer puts before a formula-like cell removed).
///
/// A record without quotes is its line as written, so it stays where it is in ``source`` (the
/// file's text, shared, not copied); any other record's unescaped text is appended to
/// ``bytes``. Record `r` starts at byte `byteStart[r]` of ``source`` when that is at least 0,
/// else at byte `~byteStart[r]` of ``bytes``. Its fields are `ends[fieldStart[r]..<fieldStart[r + 1]]`,
/// each the end of its field counted from the record's start; one separator byte follows each
/// field but the last, so a field begins one past the end of the one before it (the first at
/// 0). Per field 4 bytes of index, where a `[String]` per record cost a string and an array
/// header; per record 24 bytes. - Complexity: appending is amortised `O(bytes)` (`O(1)` per
/// field for a record that stays in the source).
package struct CSVCells: Sendable {
    /// The text records without quotes are read from in place (empty when built from strings).
    package private(set) var source = Data()
    /// The text of records that had to be unescaped.
    package private(set) var bytes: [UInt8] = []
    package private(set) var ends: [UInt32] = []
    package private(set) var fieldStart: [Int] = [0]
    package private(set) var byteStart: [Int] = []
    /// The line each record starts on, less ``lineOffset``.
    private var lines: [Int] = []
    /// Lines before the text these records were read from (the first half of a file read in two).
    package var lineOffset = 0

    package init(source: Data = Data()) { self.source = source }

    package init(_ records: [(line: Int, fields: [String])]) {
        for r in records {
            begin(line: r.line)
            for (k, f) in r.fields.enumerated() { beginField(first: k == 0); bytes.append(contentsOf: f.utf8); endField() }
            endRecord()
        }
    }

    package var count: Int { lines.count }

    /// The line record `r` starts on. `O(1)`.
    package func line(_ r: Int) -> Int { lines[r] + lineOffset }

    /// Room for a file of `n` bytes (a field takes at least 2 bytes, a record 8): untouched
    /// room costs address space, not memory. `O(1)`.
    package mutating func reserve(bytes n: Int) {
        bytes.reserveCapacity(n); ends.reserveCapacity(n / 2)
        fieldStart.reserveCapacity(n / 8); byteStart.reserveCapacity(n / 8); lines.reserveCapacity(n / 8)
    }

    /// Starts a record on `line`, its text to be appended to ``bytes``. `O(1)` amortised.
    @inline(__always) package mutating func begin(line: Int) {
        byteStart.append(~bytes.count)
        lines.append(line)
    }

    /// Ends the open record as the text at `offset` of ``source`` (its fields already ended
    /// with ``endField(at:)``), nothing appended to ``bytes``. `O(1)` amortised.
    @inline(__always) package mutating func endRecord(inSourceAt offset: Int) {
        byteStart[byteStart.count - 1] = offset
        fieldStart.append(ends.count)
    }

    /// Puts the separator before every field but a record's first. `O(1)` amortised.
    @inline(__always) package mutating func beginField(first: Bool) { if !first { bytes.append(0x2C) } }

    /// Ends the field whose bytes were appended since the last field's end. `O(1)` amortised.
    @inline(__always) package mutating func endField() {
        ends.append(UInt32(truncatingIfNeeded: bytes.count - ~byteStart[byteStart.count - 1]))
    }

    @inline(__always) package mutating func endRecord() { fieldStart.append(ends.count) }

    /// A field ending `offset` bytes after the open record's start, for a record read in
    /// place (``endRecord(inSourceAt:)``). `O(1)` amortised.
    @inline(__always) package mutating func endField(at offset: Int) { ends.append(UInt32(truncatingIfNeeded: offset)) }

    /// How many field ends are stored, and dropping those after such a count (a record's
    /// whole-line copy abandoned). `O(1)`.
    package var fieldMark: Int { ends.count }
    package mutating func dropFields(after mark: Int) { ends.removeSubrange(mark...) }

    /// Bytes appended to the open record so far (a record's fields are addressed in 32 bits).
    package var openRecordBytes: Int { bytes.count - ~(byteStart.last ?? ~0) }

    @inline(__always) package mutating func append(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }
    @inline(__always) package mutating func append(_ byte: UInt8) { bytes.append(byte) }
    /// Drops the byte at `offset` from the end of the open field (for the formula guard). `O(field)`.
    package mutating func remove(at offset: Int) { bytes.remove(at: offset) }
    package var byteCount: Int { bytes.count }
    package func byte(_ k: Int) -> UInt8 { bytes[k] }

    /// Record `r`'s fields as strings. `O(its bytes)`.
    package func strings(_ r: Int) -> [String] {
        withView { view in (0..<view.fieldCount(r)).map { view.field(r, $0).string } }
    }

    /// Calls `body` with a view of the records that reads fields without copying them; the
    /// view is valid only inside `body`. `O(1)` besides `body`.
    package func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try source.withUnsafeBytes { raw in
            try bytes.withUnsafeBufferPointer { b in
                try ends.withUnsafeBufferPointer { e in
                    try fieldStart.withUnsafeBufferPointer { fs in
                        try byteStart.withUnsafeBufferPointer { bs in
                            try body(View(source: raw.bindMemory(to: UInt8.self), bytes: b, ends: e, fieldStart: fs, byteStart: bs))
                        }
                    }
                }
            }
        }
    }

    /// Unsafe, borrowed access to the cells (see ``withView(_:)``).
    package struct View {
        package let source: UnsafeBufferPointer<UInt8>
        package let bytes: UnsafeBufferPointer<UInt8>
        package let ends: UnsafeBufferPointer<UInt32>
        package let fieldStart: UnsafeBufferPointer<Int>
        package let byteStart: UnsafeBufferPointer<Int>

        @inlinable package func fieldCount(_ r: Int) -> Int { fieldStart[r + 1] - fieldStart[r] }

        /// Field `f` of record `r`, as written (no trimming). `O(1)`.
        @inlinable @inline(__always) package func field(_ r: Int, _ f: Int) -> UnsafeBufferPointer<UInt8> {
            let e = fieldStart[r] + f, start = byteStart[r]
            let lo = f == 0 ? 0 : Int(ends[e - 1]) + 1, hi = Int(ends[e])
            let text = start >= 0 ? source.baseAddress.map { $0 + start } : bytes.baseAddress.map { $0 + ~start }
            return UnsafeBufferPointer(start: text.map { $0 + lo }, count: hi - lo)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Without leading and trailing spaces and tabs. `O(spaces)`.
    @inlinable @inline(__always) package var trimmedASCII: UnsafeBufferPointer<UInt8> {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 { lo += 1 }
        while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 { hi -= 1 }
        return lo == startIndex && hi == endIndex ? self : UnsafeBufferPointer(rebasing: self[lo..<hi])
    }

    @inlinable package var string: String { String(decoding: self, as: UTF8.self) }
}
