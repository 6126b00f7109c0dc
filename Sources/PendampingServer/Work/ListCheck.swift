import Foundation
import Pendamping
import Tabular
import ZIPFoundation

/// An uploaded list as it arrives: the name it had and its bytes.
public struct UploadedFile: Sendable {
    public var fileName: String
    public var bytes: Data
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
    public init() {}
}

/// What checking a pair of lists found: the records and the data-quality report, or the
/// issues that refuse them (by file, sheet, row and column).
public struct ListCheckResult: Sendable {
    public var mentors: Int
    public var mentees: Int
    public var quality: String
    public var issues: [String]
    public var accepted: Bool { issues.isEmpty }
}

/// Checks uploaded lists the way `pendamping validate` does, before anything is stored.
enum ListCheck {
    /// Refusals before any parsing: the file's kind, size and (for a workbook) its expansion.
    static func precheck(_ file: UploadedFile, kind: ListKind, limits: UploadLimits) -> String? {
        let lower = file.fileName.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") else {
            return "\(kind.rawValue): \(displayName(file.fileName)) is neither a .csv nor an .xlsx file"
        }
        if file.bytes.count > limits.fileBytes {
            return "\(kind.rawValue): \(displayName(file.fileName)) is larger than \(limits.fileBytes >> 20) MB"
        }
        if lower.hasSuffix(".xlsx") {
            let archive: Archive
            do { archive = try Archive(data: file.bytes, accessMode: .read) } catch {
                return "\(kind.rawValue): \(displayName(file.fileName)) is not an Excel workbook (not a ZIP archive)"
            }
            var total: UInt64 = 0
            for entry in archive { total &+= entry.uncompressedSize }
            if total > UInt64(limits.expandedBytes) {
                return "\(kind.rawValue): \(displayName(file.fileName)) expands to more than \(limits.expandedBytes >> 20) MB"
            }
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
    /// issues with the uploaded names in place of the staged paths.
    static func inspect(mentors: UploadedFile, mentees: UploadedFile, in folder: String, limits: UploadLimits)
        throws -> (ListCheckResult, Dataset?) {
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
            return (ListCheckResult(mentors: 0, mentees: 0, quality: "", issues: [shown(e.description)]), nil)
        }
        var issues = r.issues.prefix(InputError.limit).map { shown($0.description) }
        if let d = r.dataset {
            if d.mentors.count > limits.rows { issues.append("mentors: more than \(limits.rows) records") }
            if d.mentees.count > limits.rows { issues.append("mentees: more than \(limits.rows) records") }
        }
        let result = ListCheckResult(mentors: r.dataset?.mentors.count ?? 0, mentees: r.dataset?.mentees.count ?? 0,
                                     quality: shown(r.quality.report), issues: issues)
        return (result, issues.isEmpty ? r.dataset : nil)
    }
}
