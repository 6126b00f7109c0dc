import Tabular

extension DataQuality {
    /// The report `validate` prints: per file, records by location source, regions resolved
    /// by name, header aliases and unknown words, then duplicates; counts with the first ids.
    /// Deterministic (sorted keys). - Complexity: `O(entries)`.
    public var report: String { report(.en) }

    /// ``report`` in `language` (Indonesian for the web app's pages).
    public func report(_ language: Language) -> String {
        let id = language == .id
        func w(_ en: String, _ ind: String) -> String { id ? ind : en }
        func sample(_ s: Sample) -> String {
            "\(s.count)" + (s.firstIDs.isEmpty ? "" : " (" + s.firstIDs.joined(separator: ", ") + (s.count > s.firstIDs.count ? ", …" : "") + ")")
        }
        var lines: [String] = [w("data quality", "kualitas data")]
        for f in files {
            lines.append("  \(f.file): \(f.records) \(w("records", "data"))")
            let sources = LocationSource.allCases.compactMap { src in f.locationSource[src.rawValue].map { "\(src.rawValue) \(sample($0))" } }
            if !sources.isEmpty { lines.append(w("    location from  ", "    lokasi dari  ") + sources.joined(separator: "; ")) }
            if f.regionsByName.count > 0 { lines.append(w("    regions by name  ", "    wilayah dari nama  ") + sample(f.regionsByName)) }
            if !f.aliases.isEmpty {
                lines.append(w("    header aliases  ", "    nama lain judul kolom  ") + f.aliases.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", "))
            }
            for (word, s) in f.unknownWords.sorted(by: { $0.key < $1.key }) { lines.append(w("    unknown word  ", "    kata tak dikenal  ") + "\(word): \(sample(s))") }
            if f.sheets.count > 1 { lines.append(w("    sheets  ", "    lembar  ") + f.sheets.map { "'\($0)'" }.joined(separator: ", ")) }
            for reason in SkippedRow.Reason.allCases {
                let rows = f.skippedRows.filter { $0.reason == reason }
                guard !rows.isEmpty else { continue }
                let bySheet = Dictionary(grouping: rows, by: { $0.sheet ?? "" })
                let places = bySheet.keys.sorted().map { sheet -> String in
                    let where_ = sheet.isEmpty ? "" : w("sheet", "lembar") + " '\(sheet)' "
                    if reason == .noList { return w("sheet", "lembar") + " '\(sheet)'" }
                    return where_ + (sheet.isEmpty ? w("lines ", "baris ") : w("rows ", "baris ")) + Self.ranges(bySheet[sheet]!.map(\.line))
                }
                lines.append(w("    skipped ", "    dilewati ") + reason.words(language) + "  " + places.joined(separator: "; "))
            }
            for (source, s) in f.generatedIDs.sorted(by: { $0.key < $1.key }) {
                lines.append(w("    ids made from ", "    id dibuat dari ") + (source == "nib" ? "NIB" : w("sheet and row", "lembar dan baris")) + "  \(sample(s))")
            }
            if !f.personalColumns.isEmpty {
                lines.append(w("    personal data left out  ", "    data pribadi tidak dipakai  ") + f.personalColumns.joined(separator: ", ")
                             + w(" (--keep-column NAME passes one through)", ""))
            }
        }
        if duplicates.isEmpty {
            lines.append(w("  duplicates  none", "  data ganda  tidak ada"))
        } else {
            lines.append(w("  duplicates  \(duplicates.count) (match --dedupe keeps the first listing)", "  data ganda  \(duplicates.count)"))
            for d in duplicates.prefix(20) {
                lines.append(id
                    ? "    \(d.droppedID) mengulang \(d.keptID) (\(d.reason == .nib ? "NIB sama" : "nama sama di kelurahan yang sama"))"
                    : "    \(d.droppedKind) \(d.droppedID) repeats \(d.keptKind) \(d.keptID) (\(d.reason == .nib ? "same NIB" : "same name in the same kelurahan"))")
            }
            if duplicates.count > 20 { lines.append("    … \(duplicates.count - 20) " + w("more", "lagi")) }
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
    /// The reason in the report's words, in `language`.
    func words(_ language: Language) -> String {
        switch (self, language) {
        case (.aboveHeader, .en): return "above the header"
        case (.aboveHeader, .id): return "di atas judul kolom"
        case (.footer, .en): return "below the data (totals, signatures)"
        case (.footer, .id): return "di bawah data (jumlah, tanda tangan)"
        case (.noList, .en): return "sheets without a list"
        case (.noList, .id): return "lembar tanpa daftar"
        }
    }
}
