/// Finds the same business listed twice: the same NIB, or the same normalised name in the
/// same kelurahan (a `kelurahan` column, or a desa-level region code). Mentors are listed
/// before mentees, each list in file order, and the first listing is the one kept.
public enum Duplicates {
    /// Legal forms that do not distinguish two businesses' names ("CV Maju" = "Maju").
    static let legalForms: Set<String> = ["pt", "cv", "ud", "pd", "fa", "tbk"]

    /// A business name without case, accents, punctuation or legal form. `O(length)`.
    static func normalisedName(_ name: String) -> String {
        RegionName.words(name).filter { !legalForms.contains($0) }.joined(separator: " ")
    }

    /// Every later listing of a business already listed, with the first listing and why.
    /// - Complexity: `O(n + m)` expected.
    public static func find(mentors: [Mentor], mentees: [Mentee]) -> [DuplicateRecord] {
        struct Listing { var kind: String; var id: String; var line: Int; var name: String; var nib: String?; var kelurahan: String?; var region: RegionCode }
        let listings = mentors.sorted { $0.line < $1.line }.map { Listing(kind: "mentor", id: $0.id, line: $0.line, name: $0.name, nib: $0.nib, kelurahan: $0.kelurahan, region: $0.region) }
            + mentees.sorted { $0.line < $1.line }.map { Listing(kind: "mentee", id: $0.id, line: $0.line, name: $0.name, nib: $0.nib, kelurahan: $0.kelurahan, region: $0.region) }
        var byNIB: [String: Int] = [:], byName: [String: Int] = [:]
        var out: [DuplicateRecord] = []
        for (k, l) in listings.enumerated() {
            var first: (Int, DuplicateRecord.Reason)?
            if let nib = l.nib {
                if let f = byNIB[nib] { first = (f, .nib) } else { byNIB[nib] = k }
            }
            let place = l.kelurahan.map { (l.region.prefix(3)?.text ?? l.region.text) + "|" + RegionName.words($0).joined(separator: " ") }
                ?? (l.region.level == 4 ? l.region.text : nil)
            let name = normalisedName(l.name)
            if let place, !name.isEmpty {
                let key = place + "|" + name
                if let f = byName[key] { if first == nil { first = (f, .nameInKelurahan) } } else { byName[key] = k }
            }
            if let (f, reason) = first {
                let kept = listings[f]
                out.append(DuplicateRecord(keptKind: kept.kind, keptID: kept.id, droppedKind: l.kind, droppedID: l.id, reason: reason))
            }
        }
        return out
    }
}

extension Dataset {
    /// The dataset without the later listing of each duplicate (``Duplicates/find(mentors:mentees:)``).
    /// - Complexity: `O(n + m)`.
    public func withoutDuplicates(_ duplicates: [DuplicateRecord]) -> Dataset {
        let droppedMentors = Set(duplicates.filter { $0.droppedKind == "mentor" }.map(\.droppedID))
        let droppedMentees = Set(duplicates.filter { $0.droppedKind == "mentee" }.map(\.droppedID))
        return Dataset(mentors: mentors.filter { !droppedMentors.contains($0.id) }, mentees: mentees.filter { !droppedMentees.contains($0.id) },
                       mentorExtraColumns: mentorExtraColumns, menteeExtraColumns: menteeExtraColumns)
    }
}
