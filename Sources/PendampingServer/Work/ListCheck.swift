import Foundation
import Pendamping
import Tabular
import ZIPFoundation

/// An uploaded list as it arrives: the name it had and its bytes.
public struct UploadedFile: Sendable {
    /// The file's name as uploaded (its extension says CSV or `.xlsx`).
    public var fileName: String
    /// The file's bytes.
    public var bytes: Data
    /// An uploaded file.
    public init(fileName: String, bytes: Data) { self.fileName = fileName; self.bytes = bytes }
}

/// Limits on what an upload may hold.
public struct UploadLimits: Sendable {
    /// Bytes of one file as uploaded.
    public var fileBytes = 32 << 20
    /// Bytes a workbook may expand to (the sum of its parts' declared sizes).
    public var expandedBytes = 256 << 20
    /// Records in one list.
    public var rows = 1_000_000
    /// No limits beyond the defaults.
    public init() {}
}

/// What checking a pair of lists found: the records and the data-quality report, or the
/// issues that refuse them (by file, sheet, row and column).
public struct ListCheckResult: Sendable {
    /// Mentor records read.
    public var mentors: Int
    /// Mentee records read.
    public var mentees: Int
    /// The data-quality report, in the page's language.
    public var quality: String
    /// Every issue, in the page's language.
    public var issues: [String]
    /// True when there is no issue.
    public var accepted: Bool { issues.isEmpty }
}

/// Why an upload is refused before its lists are read, in either language.
enum UploadRefusal: Sendable {
    case notAList(ListKind, String)
    case tooLarge(ListKind, String, megabytes: Int)
    case notWorkbook(ListKind, String)
    case expandsTooMuch(ListKind, String, megabytes: Int)
    case tooManyRows(ListKind, limit: Int)
    case bothListsNeeded

    func text(_ language: Language) -> String {
        let en = language == .en
        func list(_ k: ListKind) -> String { en ? k.rawValue : (k == .mentors ? "pendamping" : "UMKM binaan") }
        switch self {
        case .notAList(let k, let name):
            return "\(list(k)): \(name) " + (en ? "is neither a .csv nor an .xlsx file" : "bukan berkas .csv atau .xlsx")
        case .tooLarge(let k, let name, let mb):
            return "\(list(k)): \(name) " + (en ? "is larger than \(mb) MB" : "lebih besar dari \(mb) MB")
        case .notWorkbook(let k, let name):
            return "\(list(k)): \(name) " + (en ? "is not an Excel workbook (not a ZIP archive)" : "bukan buku kerja Excel (bukan arsip ZIP)")
        case .expandsTooMuch(let k, let name, let mb):
            return "\(list(k)): \(name) " + (en ? "expands to more than \(mb) MB" : "mengembang lebih dari \(mb) MB")
        case .tooManyRows(let k, let limit):
            return "\(list(k)): " + (en ? "more than \(limit) records" : "lebih dari \(limit) data")
        case .bothListsNeeded:
            return en ? "both lists are needed: upload the mentors and the mentees lists together the first time"
                : "kedua daftar diperlukan: unggah daftar pendamping dan daftar UMKM binaan bersama-sama pada kali pertama"
        }
    }
}

/// Checks uploaded lists the way `pendamping validate` does, before anything is stored.
enum ListCheck {
    /// Refusals before any parsing: the file's kind, size and (for a workbook) its expansion.
    static func precheck(_ file: UploadedFile, kind: ListKind, limits: UploadLimits) -> UploadRefusal? {
        let lower = file.fileName.lowercased(), name = displayName(file.fileName)
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") else { return .notAList(kind, name) }
        if file.bytes.count > limits.fileBytes { return .tooLarge(kind, name, megabytes: limits.fileBytes >> 20) }
        if lower.hasSuffix(".xlsx") {
            let archive: Archive
            do { archive = try Archive(data: file.bytes, accessMode: .read) } catch { return .notWorkbook(kind, name) }
            var total: UInt64 = 0
            for entry in archive { total &+= entry.uncompressedSize }
            if total > UInt64(limits.expandedBytes) { return .expandsTooMuch(kind, name, megabytes: limits.expandedBytes >> 20) }
        }
        return nil
    }

    /// The name shown for an uploaded file: its last path component, printable characters only.
    static func displayName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(120).map(Character.init))
        return clean.isEmpty ? "(no name)" : clean
    }

    /// Reads both lists from `folder` (staged under fixed names) as the CLI would, and reports
    /// issues in `language` with the uploaded names in place of the staged paths.
    static func inspect(mentors: UploadedFile, mentees: UploadedFile, in folder: String, limits: UploadLimits,
                        language: Language = .en) throws -> (ListCheckResult, Dataset?) {
        let mentorsPath = try Workspace.write(mentors.bytes, named: Workspace.stagedName(.mentors, fileName: mentors.fileName), in: folder)
        let menteesPath = try Workspace.write(mentees.bytes, named: Workspace.stagedName(.mentees, fileName: mentees.fileName), in: folder)
        let staged = [mentorsPath: displayName(mentors.fileName), menteesPath: displayName(mentees.fileName)]
        func shown(_ text: String) -> String {
            staged.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        let r: DatasetReader.Inspection
        do {
            r = try DatasetReader.inspect(mentorsPath: mentorsPath, menteesPath: menteesPath)
        } catch let e as InputError {
            return (ListCheckResult(mentors: 0, mentees: 0, quality: "", issues: [shown(e.text(language))]), nil)
        }
        var issues = r.issues.prefix(InputError.limit).map { shown($0.text(language)) }
        if let d = r.dataset {
            if d.mentors.count > limits.rows { issues.append(UploadRefusal.tooManyRows(.mentors, limit: limits.rows).text(language)) }
            if d.mentees.count > limits.rows { issues.append(UploadRefusal.tooManyRows(.mentees, limit: limits.rows).text(language)) }
        }
        let result = ListCheckResult(mentors: r.dataset?.mentors.count ?? 0, mentees: r.dataset?.mentees.count ?? 0,
                                     quality: shown(r.quality.report(language)), issues: issues)
        return (result, issues.isEmpty ? r.dataset : nil)
    }
}
