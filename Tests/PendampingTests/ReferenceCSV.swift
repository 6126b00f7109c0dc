@testable import Pendamping
import Tabular

/// The CSV reading rules written as plainly as possible, one byte at a time, as an oracle
/// for ``CSVFile``'s tokenizer (which leaves records without quotes in the file's bytes and
/// copies the others' unquoted fields in runs): the
/// records (header first) with their lines, or the first error's line and message.
enum ReferenceCSV {
    static func records(_ text: [UInt8], delimiter: UInt8) -> Result<[(line: Int, fields: [String])], ReferenceError> {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " ")
        var out: [(line: Int, fields: [String])] = []
        var p = 0, line = 1
        func isBreak(_ k: Int) -> Bool { text[k] == lf || (text[k] == cr && (k + 1 == text.count || text[k + 1] != lf)) }
        while true {
            while p < text.count, text[p] == lf || text[p] == cr {
                if isBreak(p) { line += 1 }
                p += 1
            }
            guard p < text.count else { return .success(out) }
            let start = line
            var fields: [String] = [], field: [UInt8] = []
            var quoted = false, wasQuoted = false
            while p < text.count {
                let b = text[p]
                if quoted {
                    if b == quote {
                        if p + 1 < text.count, text[p + 1] == quote { field.append(quote); p += 2; continue }
                        quoted = false
                    } else {
                        if isBreak(p) { line += 1 }
                        field.append(b)
                    }
                    p += 1
                    continue
                }
                if b == quote, !wasQuoted, field.allSatisfy({ $0 == space }) { field = []; quoted = true; wasQuoted = true; p += 1; continue }
                if b == delimiter { fields.append(cell(field)); field = []; wasQuoted = false; p += 1; continue }
                if b == lf || b == cr {
                    if b == cr, p + 1 < text.count, text[p + 1] == lf { p += 1 }
                    p += 1; line += 1
                    break
                }
                if wasQuoted, b != space { return .failure(ReferenceError(line: line, message: "text after a closing quote in field \(fields.count + 1)")) }
                if !wasQuoted { field.append(b) }
                p += 1
            }
            if quoted { return .failure(ReferenceError(line: start, message: "quoted field \(fields.count + 1) is never closed")) }
            fields.append(cell(field))
            out.append((start, fields))
        }
    }

    static func cell(_ field: [UInt8]) -> String {
        if field.count >= 2, field[0] == UInt8(ascii: "'"), CSVTableWriter.isFormulaStart(field[1]) { return String(decoding: field[1...], as: UTF8.self) }
        return String(decoding: field, as: UTF8.self)
    }

    struct ReferenceError: Error, Equatable {
        var line: Int
        var message: String
    }
}
