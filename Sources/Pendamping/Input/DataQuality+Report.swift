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
