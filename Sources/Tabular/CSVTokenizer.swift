/// One pass over a CSV file's bytes, appending each record's unescaped fields to a
/// ``CSVCells``. A record without quotes is left where it is in the cells' source (only its
/// field ends are stored); in any other, unquoted fields are copied in runs up to the next
/// delimiter or line break and quoted fields between their quotes. - Complexity: `O(bytes)`.
package struct CSVTokenizer {
    package let bytes: UnsafeBufferPointer<UInt8>
    package let delimiter: UInt8
    package let name: String
    /// Where `bytes` starts in the cells' source.
    package let sourceOffset: Int
    package var position = 0
    /// The line the tokenizer is on (1-based; LF, CRLF or a lone CR ends a line).
    package var line = 1

    package init(bytes: UnsafeBufferPointer<UInt8>, sourceOffset: Int, delimiter: UInt8, name: String) {
        self.bytes = bytes; self.sourceOffset = sourceOffset; self.delimiter = delimiter; self.name = name
    }

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " ")

    /// Whether the byte at `k` ends a line: LF, or a CR not followed by LF.
    @inline(__always) private func endsLine(_ k: Int) -> Bool {
        bytes[k] == Self.lf || (bytes[k] == Self.cr && (k + 1 == bytes.count || bytes[k + 1] != Self.lf))
    }

    /// Reads the next record into `cells`; false at the end of the bytes. Blank lines are skipped.
    package mutating func next(into cells: inout CSVCells) throws -> Bool {
        let n = bytes.count
        while position < n, bytes[position] == Self.lf || bytes[position] == Self.cr {
            if endsLine(position) { line += 1 }
            position += 1
        }
        guard position < n else { return false }
        let startLine = line
        cells.begin(line: startLine)
        if plainRecord(into: &cells) { return true }
        var field = 1
        while true {
            cells.beginField(first: field == 1)
            let fieldStart = cells.byteCount
            // Spaces and then a quote open a quoted field (the spaces are dropped).
            var p = position
            while p < n, bytes[p] == Self.space { p += 1 }
            var ended = false
            if p < n, bytes[p] == Self.quote {
                position = p + 1
                try quoted(into: &cells, field: field, startLine: startLine)
                while position < n, bytes[position] == Self.space { position += 1 }
                if position < n, bytes[position] != delimiter, bytes[position] != Self.lf, bytes[position] != Self.cr {
                    throw InputError.invalid([InputIssue(file: name, line: line, problem: TableProblem.textAfterQuote(field: field))])
                }
            } else {
                p = position
                while p < n, bytes[p] != delimiter, bytes[p] != Self.lf, bytes[p] != Self.cr { p += 1 }
                cells.append(UnsafeBufferPointer(rebasing: bytes[position..<p]))
                position = p
            }
            if cells.byteCount - fieldStart >= 2, cells.byte(fieldStart) == UInt8(ascii: "'"),
               CSVTableWriter.isFormulaStart(cells.byte(fieldStart + 1)) {
                cells.remove(at: fieldStart)
            }
            guard cells.openRecordBytes <= Int(UInt32.max) else {
                throw InputError.invalid([InputIssue(file: name, line: startLine, problem: TableProblem.recordTooLong)])
            }
            cells.endField()
            if position == n { ended = true } else if bytes[position] == delimiter {
                position += 1; field += 1
            } else {
                if bytes[position] == Self.cr, position + 1 < n, bytes[position + 1] == Self.lf { position += 1 }
                position += 1; line += 1
                ended = true
            }
            if ended { break }
        }
        cells.endRecord()
        return true
    }

    /// Stores a record that has no quote and no field starting with `'` as its line in the
    /// source (its field ends only), and moves past its line end; false (nothing stored,
    /// nothing moved) for any other record. `O(line)`.
    private mutating func plainRecord(into cells: inout CSVCells) -> Bool {
        let n = bytes.count, apostrophe = UInt8(ascii: "'")
        let mark = cells.fieldMark
        guard bytes[position] != apostrophe else { return false }
        var p = position
        while p < n {
            let b = bytes[p]
            if b == delimiter {
                cells.endField(at: p - position)
                if p + 1 < n, bytes[p + 1] == apostrophe { cells.dropFields(after: mark); return false }
            } else if b == Self.quote {
                cells.dropFields(after: mark); return false
            } else if b == Self.lf || b == Self.cr {
                break
            }
            p += 1
        }
        guard p - position <= Int(UInt32.max) else { cells.dropFields(after: mark); return false }
        cells.endField(at: p - position)
        cells.endRecord(inSourceAt: sourceOffset + position)
        position = p
        if position < n {
            if bytes[position] == Self.cr, position + 1 < n, bytes[position + 1] == Self.lf { position += 1 }
            position += 1; line += 1
        }
        return true
    }

    /// A quoted field's text, from after its opening quote to its closing one (left behind).
    private mutating func quoted(into cells: inout CSVCells, field: Int, startLine: Int) throws {
        let n = bytes.count
        var run = position
        while position < n {
            let b = bytes[position]
            if b == Self.quote {
                cells.append(UnsafeBufferPointer(rebasing: bytes[run..<position]))
                if position + 1 < n, bytes[position + 1] == Self.quote {
                    cells.append(Self.quote); position += 2; run = position; continue
                }
                position += 1
                return
            }
            if (b == Self.lf || b == Self.cr) && endsLine(position) { line += 1 }
            position += 1
        }
        throw InputError.invalid([InputIssue(file: name, line: startLine, problem: TableProblem.unclosedQuote(field: field))])
    }
}
