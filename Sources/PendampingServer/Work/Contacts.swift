import Foundation
import Pendamping

/// The mentees' phone numbers for the print view (the Kakak Asuh's list of their Adik Asuh):
/// read from the stored mentees list's phone columns, which every result file leaves out.
/// Shown only on the print page to the programme's members; never logged.
extension ProgrammeWork {
    /// Words of a header that names a phone number (a subset of the personal-data words:
    /// identity and tax numbers stay out of the print view too).
    static let phoneWords: Set<String> = ["hp", "handphone", "telepon", "telp", "tlp", "telpon", "phone", "whatsapp", "wa", "ponsel", "seluler"]

    /// Mentee id → phone numbers (joined by " / "), from the current lists. - Complexity: two
    /// reads of the lists.
    public func contacts(programme: Programme) async throws -> [String: String] {
        let lists = try await store.currentLists(programmeID: programme.id)
        guard let mentors = lists[.mentors], let mentees = lists[.mentees] else { return [:] }
        let workspace = self.workspace
        return try await SolveJobs.offload {
            try workspace.withFolder { dir in
                let (mentorsPath, menteesPath) = try Workspace.stage(mentors: mentors, mentees: mentees, in: dir)
                let first = try DatasetReader.inspect(mentorsPath: mentorsPath, menteesPath: menteesPath)
                let phones = (first.quality.files.last?.personalColumns ?? []).filter { header in
                    header.lowercased().split(whereSeparator: { !$0.isLetter }).contains { Self.phoneWords.contains(String($0)) }
                }
                guard !phones.isEmpty else { return [:] }
                let kept = try DatasetReader.read(mentorsPath: mentorsPath, menteesPath: menteesPath,
                                                  options: .init(columns: ColumnRules(keep: phones)))
                let columns = kept.menteeExtraColumns.enumerated().filter { phones.contains($0.element) }.map(\.offset)
                var out: [String: String] = [:]
                for m in kept.mentees {
                    let values = columns.compactMap { $0 < m.extra.count ? m.extra[$0] : nil }.filter { !$0.isEmpty }
                    if !values.isEmpty { out[m.id] = values.joined(separator: " / ") }
                }
                return out
            }
        }
    }
}
