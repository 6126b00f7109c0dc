import Foundation
import Tabular

/// How a list's headers are read beyond the names and aliases the product knows: columns
/// mapped by the user (`--column id="No. Anggota"`, or a mapping file a programme keeps),
/// and which personal-data columns are passed through to the outputs after all.
///
/// Phone numbers, NIK, e-mail addresses and owners' names are recognised by their headers (``isPersonal(_:)``)
/// and left out of every output, log and report unless named in ``keep``; every other
/// unknown column is passed through as before.
public struct ColumnRules: Sendable, Equatable {
    /// Canonical column → the header as written in the list (compared after
    /// ``HeaderAliases/normalise(_:)``).
    public var map: [String: String] { didSet { mapped = Self.index(map) } }
    /// Headers of personal-data columns to pass through anyway.
    public var keep: [String]

    /// Rules from a header map (as written → column) and the personal columns to keep.
    public init(map: [String: String] = [:], keep: [String] = []) {
        self.map = map; self.keep = keep
        mapped = Self.index(map)
    }

    /// The canonical column a header stands for: a mapped header's column, else its name or
    /// alias (``HeaderAliases/canonical(_:)``). `O(length)`.
    func canonical(_ header: String) -> String {
        let n = HeaderAliases.normalise(header)
        return mapped[n] ?? HeaderAliases.canonical(header)
    }

    /// ``map`` by normalised header, kept beside it.
    private var mapped: [String: String]

    private static func index(_ map: [String: String]) -> [String: String] {
        Dictionary(map.map { (HeaderAliases.normalise($0.value), $0.key) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether an unknown column is passed through to the outputs. `O(length)`.
    func passesThrough(_ header: String) -> Bool {
        !Self.isPersonal(header) || keep.contains { HeaderAliases.normalise($0) == HeaderAliases.normalise(header) }
    }

    /// Whether a header names personal data: a phone or WhatsApp number, an identity or tax
    /// number (NIK, KTP, NPWP), an e-mail address, or the owner's own name (`Nama Pemilik`).
    /// `O(length)`.
    public static func isPersonal(_ header: String) -> Bool {
        let words = HeaderAliases.normalise(header).split(separator: "_").map(String.init)
        return words.contains { personalWords.contains($0) }
    }

    static let personalWords: Set<String> = ["hp", "handphone", "telepon", "telp", "tlp", "telpon", "phone", "whatsapp", "wa",
                                             "nik", "ktp", "email", "e-mail", "surel", "npwp", "pemilik"]
}

extension ColumnRules {
    /// The columns a mapping may name: those the lists are read by.
    static var mappable: [String] { (DatasetReader.mentorOptional + DatasetReader.mentorRequired + DatasetReader.menteeOptional
                                     + [.nib, .kelurahan]).map(\.name).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// Rules from a mapping and the columns to keep, checked: every mapped column is one the
    /// lists are read by, and every header is named. - Throws: ``InputError`` naming the
    /// column. `O(map)`.
    public static func checked(map: [String: String], keep: [String], file: String = "--column") throws -> ColumnRules {
        var issues: [InputIssue] = []
        for (column, header) in map.sorted(by: { $0.key < $1.key }) {
            if !mappable.contains(column) {
                issues.append(InputIssue(file: file, line: 0, column: column,
                                         message: "is not a column the lists are read by; use one of \(mappable.joined(separator: ", "))"))
            } else if header.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(InputIssue(file: file, line: 0, column: column, message: "maps to an empty header"))
            }
        }
        guard issues.isEmpty else { throw InputError.invalid(issues) }
        return ColumnRules(map: map, keep: keep)
    }

    /// A mapping file: a JSON object of canonical column → header as written, e.g.
    /// `{"id": "No. Anggota", "name": "Nama Usaha"}`. - Throws: ``InputError`` naming the
    /// file and the key. `O(bytes)`.
    public static func read(path: String) throws -> ColumnRules {
        let data = try InputFile.read(path)
        let object = try StrictJSON.object(data, file: path)
        var map: [String: String] = [:]
        for (key, value) in object {
            guard let header = value as? String else {
                throw InputError.invalid([InputIssue(file: path, line: 0, column: key, message: "the header must be a string")])
            }
            map[key] = header
        }
        return try checked(map: map, keep: [], file: path)
    }
}
