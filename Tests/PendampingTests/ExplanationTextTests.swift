import Foundation
import Testing
@testable import Pendamping

@Suite struct ExplanationTextTests {
    /// One sentence of every form the library writes into `unassigned.csv` and `diff.csv`.
    static let sentences = [
        "kept (no change gains more than 0.050)", "accepted by curators", "locked by curators", "mentee withdrawn",
        "mentee no longer in the mentees file", "previous pair rejected by curators", "previous mentor KA-01 withdrawn",
        "previous mentor KA-01 no longer in the mentors file", "accept decision for KA-02", "lock decision for KA-02",
        "its slot went to a pairing that gains more than 0.050", "moving gains more than 0.050 in total score",
        "reject decision", "newly matched", "3 allowed mentor(s) rejected by curators",
        "no mentor passes max 20.0 km and the other rules; nearest mentor is 44.8 km away",
        "no mentor passes the profile's rules; nearest mentor is 3.1 km away",
        "solver ended with status time_limit and no solution",
        "2 candidate mentor(s) have room but the programme rules (minimum cohorts, hours, quotas) keep this mentee out",
        "4 of 4 candidate mentor(s) full with higher-value mentees; best candidate KA-04 (score 0.700773)",
        "1 of 3 candidate mentor(s) full with mentees they prefer (stated choices, then score); best candidate KA-01 (score 0.5) (best solution found; solver status feasible)",
        "2 of 2 candidate mentor(s) full with mentees that keep the worst score higher; best candidate M1 (score 0.1)",
    ]

    @Test func everySentenceFormHasAnIndonesianForm() {
        for s in Self.sentences {
            #expect(ExplanationText.isKnown(s), "\(s)")
            let id = ExplanationText.say(s, .id)
            #expect(id != s, "\(s)")
            #expect(!id.contains("candidate") && !id.contains("mentor(s)"), "\(id)")
            #expect(ExplanationText.say(s, .en) == s)
        }
        #expect(ExplanationText.say("4 of 4 candidate mentor(s) full with higher-value mentees; best candidate KA-04 (score 0.700773)", .id)
                == "4 dari 4 calon pendamping penuh dengan UMKM bernilai lebih tinggi; calon terbaik KA-04 (skor 0,700773)")
        #expect(ExplanationText.say("something new", .id) == "something new")
        // The solver's note at the end of a detail: said in Indonesian with its status; a tail
        // that only looks like it stays as written.
        #expect(ExplanationText.note(" (best solution found; solver status time_limit)") == " (solusi terbaik yang ditemukan; status time_limit)")
        #expect(ExplanationText.note(" (best solution found; solver status time limit)") == " (best solution found; solver status time limit)")
        #expect(ExplanationText.note(" (best solution found; solver status )") == " (best solution found; solver status )")
        #expect(ExplanationText.note("") == "")
    }

    /// Every unassigned detail and round reason the pilot's runs produce has a known form.
    @Test func thePilotsSentencesAreKnown() throws {
        let dataset = try DatasetReader.read(mentorsPath: fixture("jakarta-barat-scarce/mentors.csv"),
                                             menteesPath: fixture("jakarta-barat-scarce/mentees.csv"))
        let profile = try Profile.read(path: fixture("jakarta-barat-scarce/profile.json"))
        let result = try Matcher(profile: profile).run(dataset)
        #expect(!result.unassigned.isEmpty)
        for u in result.unassigned { #expect(ExplanationText.isKnown(u.detail), "\(u.detail)") }
        var previous: [String: String] = [:]
        for p in result.pairs { previous[dataset.mentees[Int(p.mentee)].id] = dataset.mentors[Int(p.mentor)].id }
        let first = try #require(result.pairs.first)
        let decisions = Decisions(entries: [.init(menteeID: dataset.mentees[Int(first.mentee)].id, mentorID: dataset.mentors[Int(first.mentor)].id,
                                                  decision: .reject, line: 2)])
        let round = try CurationRound.run(dataset: dataset, previous: previous, decisions: decisions, matcher: Matcher(profile: profile))
        for c in round.changes { #expect(ExplanationText.isKnown(c.reason), "\(c.reason)") }
    }
}
