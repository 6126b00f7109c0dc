extension DataQuality {
    /// The report `validate` prints: per file, records by location source, regions resolved
    /// by name, header aliases and unknown words, then duplicates; counts with the first ids.
    /// Deterministic (sorted keys). - Complexity: `O(entries)`.
    public var report: String {
        func sample(_ s: Sample) -> String {
            "\(s.count)" + (s.firstIDs.isEmpty ? "" : " (" + s.firstIDs.joined(separator: ", ") + (s.count > s.firstIDs.count ? ", …" : "") + ")")
        }
        var lines: [String] = ["data quality"]
        for f in files {
            lines.append("  \(f.file): \(f.records) records")
            let sources = LocationSource.allCases.compactMap { src in f.locationSource[src.rawValue].map { "\(src.rawValue) \(sample($0))" } }
            if !sources.isEmpty { lines.append("    location from  " + sources.joined(separator: "; ")) }
            if f.regionsByName.count > 0 { lines.append("    regions by name  \(sample(f.regionsByName))") }
            if !f.aliases.isEmpty {
                lines.append("    header aliases  " + f.aliases.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", "))
            }
            for (word, s) in f.unknownWords.sorted(by: { $0.key < $1.key }) { lines.append("    unknown word  \(word): \(sample(s))") }
            if f.sheets.count > 1 { lines.append("    sheets  " + f.sheets.map { "'\($0)'" }.joined(separator: ", ")) }
            for reason in SkippedRow.Reason.allCases {
                let rows = f.skippedRows.filter { $0.reason == reason }
                guard !rows.isEmpty else { continue }
                let bySheet = Dictionary(grouping: rows, by: { $0.sheet ?? "" })
                let places = bySheet.keys.sorted().map { sheet -> String in
                    let where_ = sheet.isEmpty ? "" : "sheet '\(sheet)' "
                    if reason == .noList { return "sheet '\(sheet)'" }
                    return where_ + (sheet.isEmpty ? "lines " : "rows ") + Self.ranges(bySheet[sheet]!.map(\.line))
                }
                lines.append("    skipped \(reason.words)  " + places.joined(separator: "; "))
            }
            for (source, s) in f.generatedIDs.sorted(by: { $0.key < $1.key }) {
                lines.append("    ids made from \(source == "nib" ? "NIB" : "sheet and row")  \(sample(s))")
            }
            if !f.personalColumns.isEmpty {
                lines.append("    personal data left out  " + f.personalColumns.joined(separator: ", ") + " (--keep-column NAME passes one through)")
            }
        }
        if duplicates.isEmpty {
            lines.append("  duplicates  none")
        } else {
            lines.append("  duplicates  \(duplicates.count) (match --dedupe keeps the first listing)")
            for d in duplicates.prefix(20) {
                lines.append("    \(d.droppedKind) \(d.droppedID) repeats \(d.keptKind) \(d.keptID) (\(d.reason == .nib ? "same NIB" : "same name in the same kelurahan"))")
            }
            if duplicates.count > 20 { lines.append("    … \(duplicates.count - 20) more") }
        }
        return lines.joined(separator: "\n")
    }
}

extension DataQuality {
    /// `1–3, 7, 9–10` for the sorted line numbers. `O(lines)`.
    static func ranges(_ lines: [Int]) -> String {
        var out: [String] = []
        var start: Int? = nil, last = 0
        for l in lines.sorted() {
            if let s = start, l == last + 1 { last = l; _ = s; continue }
            if let s = start { out.append(s == last ? "\(s)" : "\(s)–\(last)") }
            start = l; last = l
        }
        if let s = start { out.append(s == last ? "\(s)" : "\(s)–\(last)") }
        return out.joined(separator: ", ")
    }
}

extension DataQuality.SkippedRow.Reason {
    /// The reason in the report's words.
    var words: String {
        switch self {
        case .aboveHeader: return "above the header"
        case .footer: return "below the data (totals, signatures)"
        case .noList: return "sheets without a list"
        }
    }
}
