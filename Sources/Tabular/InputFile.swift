import Foundation

/// Reading one input file, with the plain reasons an office user can act on.
public enum InputFile {
    /// The whole file at `path`; see ``contents(_:name:)``.
    public static func read(_ path: String) throws -> Data { try contents(path, name: path) }

    /// The whole file. Throws ``InputError/missingFile(path:reason:)`` naming why it cannot be
    /// read: missing, a directory, or not readable (with the system's reason).
    /// - Complexity: `O(bytes)`.
    package static func contents(_ path: String, name: String) throws -> Data {
        var isDir: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError.missingFile(path: name, reason: "no such file")
        }
        guard !isDir.boolValue else { throw InputError.missingFile(path: name, reason: "is a directory, not a file") }
        guard access(path, R_OK) == 0 else {
            throw InputError.missingFile(path: name, reason: "cannot be read: " + String(cString: strerror(errno)))
        }
        // A regular file is mapped, not copied (the readers keep records without quotes where
        // they are in it); a pipe or other stream (e.g. a shell's process substitution) is read
        // to its end.
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        let url = URL(fileURLWithPath: path)
        let data = type == .typeRegular ? try? Data(contentsOf: url, options: .alwaysMapped) : stream(url)
        guard let data else { throw InputError.missingFile(path: name, reason: "cannot be read") }
        return data
    }

    /// A stream's bytes to its end (none: empty data), or nil when it cannot be opened.
    private static func stream(_ url: URL) -> Data? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        // `readToEnd` gives nil for a stream that ends at once.
        return (try? handle.readToEnd()) ?? Data()
    }
}

/// The text encoding of an input file (`--encoding`).
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 (with or without a byte-order mark), the default.
    case utf8 = "utf-8"
    /// Windows-1252, what Excel on Indonesian Windows writes as "CSV" by default.
    case windows1252 = "windows-1252"

    /// The file's text as UTF-8 bytes. A byte that is not valid in the encoding is reported
    /// with its line and its byte position in that line. - Complexity: `O(bytes)`.
    package func utf8(_ data: Data, name: String) throws -> Data {
        switch self {
        case .utf8:
            if data.withUnsafeBytes({ Self.firstInvalidUTF8(in: $0.bindMemory(to: UInt8.self)) }) == nil { return data }
            let (line, column, byte) = Self.firstInvalidUTF8(data)
            throw InputError.invalid([InputIssue(file: name, line: line, problem: TableProblem.notUTF8(byte: column, value: byte))])
        case .windows1252:
            // Five byte values have no character in Windows-1252.
            if let k = data.firstIndex(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }) {
                let (line, column) = Self.position(of: k, in: data)
                throw InputError.invalid([InputIssue(file: name, line: line, problem: TableProblem.notWindows1252(byte: column, value: data[k]))])
            }
            guard let text = String(data: data, encoding: .windowsCP1252) else {
                throw InputError.invalid([InputIssue(file: name, line: 0, problem: TableProblem.unreadableWindows1252)])
            }
            return Data(text.utf8)
        }
    }

    /// Line (1-based, LF, CRLF or CR ends) and byte in the line of the first byte that breaks
    /// UTF-8, and that byte. - Complexity: `O(bytes)`.
    package static func firstInvalidUTF8(_ data: Data) -> (Int, Int, UInt8) {
        guard let k = data.withUnsafeBytes({ firstInvalidUTF8(in: $0.bindMemory(to: UInt8.self)) }) else { return (0, 0, 0) }
        let (line, column) = position(of: data.startIndex + k, in: data)
        return (line, column, data[data.startIndex + k])
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence (the
    /// Unicode Standard, table 3-7), or nil. Eight ASCII bytes are checked at a time; the
    /// text is not copied. - Complexity: `O(bytes)`.
    package static func firstInvalidUTF8(in b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        guard let base = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var k = 0
        while k < n {
            if k + 8 <= n, raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { k += 8; continue }
            let c = b[k]
            if c < 0x80 { k += 1; continue }
            // The second byte's range depends on the first; later ones are 80–BF.
            let (length, low, high): (Int, UInt8, UInt8) =
                c >= 0xC2 && c <= 0xDF ? (2, 0x80, 0xBF) :
                c == 0xE0 ? (3, 0xA0, 0xBF) : c == 0xED ? (3, 0x80, 0x9F) : c >= 0xE1 && c <= 0xEF ? (3, 0x80, 0xBF) :
                c == 0xF0 ? (4, 0x90, 0xBF) : c == 0xF4 ? (4, 0x80, 0x8F) : c >= 0xF1 && c <= 0xF3 ? (4, 0x80, 0xBF) : (0, 0, 0)
            guard length > 0, k + length <= n, b[k + 1] >= low, b[k + 1] <= high else { return k }
            for q in 2..<length where b[k + q] & 0xC0 != 0x80 { return k }
            k += length
        }
        return nil
    }

    /// 1-based line and byte-in-line of index `k` of `data`.
    package static func position(of k: Data.Index, in data: Data) -> (Int, Int) {
        var line = 1, lineStart = data.startIndex, i = data.startIndex
        while i < k {
            let b = data[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= data.endIndex || data[i + 1] != 0x0A)) { line += 1; lineStart = i + 1 }
            i += 1
        }
        return (line, k - lineStart + 1)
    }
}
