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
        // Only records with a NIB or a kelurahan can repeat one another; most lists have few.
        struct Listing { var kind: String; var id: String; var line: Int; var nib: String?; var nameKey: String? }
        func key(_ name: String, _ kelurahan: String?, _ region: RegionCode) -> String? {
            let place = kelurahan.map { (region.prefix(3)?.text ?? region.text) + "|" + RegionName.words($0).joined(separator: " ") }
                ?? (region.level == 4 ? region.text : nil)
            guard let place else { return nil }
            let n = normalisedName(name)
            return n.isEmpty ? nil : place + "|" + n
        }
        var listings: [Listing] = []
        for m in mentors where m.nib != nil || m.kelurahan != nil || m.region.level == 4 {
            listings.append(Listing(kind: "mentor", id: m.id, line: m.line, nib: m.nib, nameKey: key(m.name, m.kelurahan, m.region)))
        }
        let mentorCount = listings.count
        for e in mentees where e.nib != nil || e.kelurahan != nil || e.region.level == 4 {
            listings.append(Listing(kind: "mentee", id: e.id, line: e.line, nib: e.nib, nameKey: key(e.name, e.kelurahan, e.region)))
        }
        // File order: mentors first, each list by line.
        listings[..<mentorCount].sort { $0.line < $1.line }
        listings[mentorCount...].sort { $0.line < $1.line }
        var byNIB: [String: Int] = [:], byName: [String: Int] = [:]
        var out: [DuplicateRecord] = []
        for (k, l) in listings.enumerated() {
            var first: (Int, DuplicateRecord.Reason)?
            if let nib = l.nib {
                if let f = byNIB[nib] { first = (f, .nib) } else { byNIB[nib] = k }
            }
            if let name = l.nameKey {
                if let f = byName[name] { if first == nil { first = (f, .nameInKelurahan) } } else { byName[name] = k }
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
