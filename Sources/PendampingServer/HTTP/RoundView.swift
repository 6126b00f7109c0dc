import Foundation
import Pendamping
import Tabular

/// A stored round read back from its files for the pages and the API: pairs by mentor with
/// their four score terms, the unassigned with reasons, the changes from the previous round.
struct RoundView: Encodable {
    struct Pair: Encodable {
        var menteeID, menteeName, mentorID, mentorName, score, sector, location, capacity, culture, distanceKm: String
        var decision: String
        /// The decision in the page language (empty when none).
        var decisionText: String
        var decisionID: Int64
        /// The newest withdrawal decision of the mentee (0: none), for the next one's `expected`.
        var withdrawalID: Int64
        var decidedBy: String?
        /// The mentee's phone numbers, on the print view only.
        var contact: String? = nil
    }
    struct Cohort: Encodable {
        var mentorID, mentorName: String
        var pairs: [Pair]
    }
    struct Unassigned: Encodable {
        var menteeID, menteeName, reasonKey, reason, detail: String
    }
    struct Change: Encodable {
        var menteeID, before, after, change, reason: String
    }
    /// A mentee's best other mentor, why it is not that one, and what moving would cost.
    struct Alternate: Encodable {
        var menteeID, mentorID, score, reason, mentorLoad, totalChange: String
    }
    /// A pair that would both rather be together than with whom they have.
    struct Blocking: Encodable {
        var menteeID, mentorID, score, menteeCurrent, mentorWeakest: String
    }

    /// An `alternates.csv` reason in the page language.
    static func alternateReason(_ key: String, _ language: Language) -> String {
        switch key {
        case "full": return Word.altFull.text(language)
        case "lower_score": return Word.altLowerScore.text(language)
        case "rules": return Word.altRules.text(language)
        case "rejected": return Word.altRejected.text(language)
        case "preferred_other": return Word.altPreferredOther.text(language)
        case "roles_filled": return Word.altRolesFilled.text(language)
        case "not_solved": return Word.reasonNotSolved.text(language)
        default: return key
        }
    }

    /// A decision word in the page language.
    static func decisionText(_ decision: String, _ language: Language) -> String {
        switch decision {
        case "accept": return Word.accept.text(language)
        case "reject": return Word.reject.text(language)
        case "lock": return Word.lock.text(language)
        case "withdraw": return Word.withdraw.text(language)
        default: return ""
        }
    }

    /// A change kind of `diff.csv` in the page language.
    static func changeText(_ kind: String, _ language: Language) -> String {
        switch kind {
        case "kept": return Word.kept.text(language)
        case "moved": return Word.moved.text(language)
        case "lost": return Word.lost.text(language)
        case "gained": return Word.gained.text(language)
        case "withdrawn": return Word.withdrawn.text(language)
        default: return kind
        }
    }

    var number: Int
    var status: String
    var statusText: String
    var cohorts: [Cohort]
    var unassigned: [Unassigned]
    var changes: [Change]
    var alternates: [Alternate]
    var blocking: [Blocking]
    var pairCount: Int
    var objectiveBefore: String
    var objectiveAfter: String
    var files: [String]

    /// Rows of a stored CSV as dictionaries by header.
    static func rows(_ data: Data?, name: String) throws -> [[String: String]] {
        guard let data else { return [] }
        let file = try CSVFile.parse(data, name: name)
        return file.records.map { r in
            Dictionary(zip(file.header, r.fields + Array(repeating: "", count: max(0, file.header.count - r.fields.count))),
                       uniquingKeysWith: { a, _ in a })
        }
    }

    /// Reads round `record` of `store`, with each pair's newest decision.
    static func load(_ record: RoundRecord, store: any Store, language: Language) async throws -> RoundView {
        let pairs = try rows(try await store.roundFile(roundID: record.id, name: "pairs.csv"), name: "pairs.csv")
        let unassigned = try rows(try await store.roundFile(roundID: record.id, name: "unassigned.csv"), name: "unassigned.csv")
        let diff = try rows(try await store.roundFile(roundID: record.id, name: "diff.csv"), name: "diff.csv")
        let alternates = try rows(try await store.roundFile(roundID: record.id, name: "alternates.csv"), name: "alternates.csv")
        let blocking = try rows(try await store.roundFile(roundID: record.id, name: "blocking.csv"), name: "blocking.csv")
        var newest: [String: DecisionRecord] = [:]
        for d in try await store.decisions(programmeID: record.programmeID) { newest[d.menteeID + "\u{1F}" + d.mentorID] = d }
        var cohorts: [String: Cohort] = [:]
        for r in pairs {
            let me = r["mentee_id"] ?? "", mo = r["mentor_id"] ?? ""
            // The pair's newest decision, or the mentee's withdrawal when that is newer.
            let pairDecision = newest[me + "\u{1F}" + mo], withdrawal = newest[me + "\u{1F}"]
            let d = (withdrawal?.id ?? 0) > (pairDecision?.id ?? 0) && withdrawal?.decision != "clear" ? withdrawal : pairDecision
            let decision = d.map { $0.decision == "clear" ? "" : $0.decision } ?? ""
            let p = Pair(menteeID: me, menteeName: r["mentee_name"] ?? "", mentorID: mo, mentorName: r["mentor_name"] ?? "",
                         score: PageFormat.decimal(r["score"], language), sector: PageFormat.decimal(r["sector"], language),
                         location: PageFormat.decimal(r["location"], language), capacity: PageFormat.decimal(r["capacity"], language),
                         culture: PageFormat.decimal(r["culture"], language), distanceKm: PageFormat.decimal(r["distance_km"], language),
                         decision: decision, decisionText: decisionText(decision, language), decisionID: pairDecision?.id ?? 0,
                         withdrawalID: withdrawal?.id ?? 0,
                         decidedBy: decision.isEmpty ? nil : d?.by)
            cohorts[mo, default: Cohort(mentorID: mo, mentorName: p.mentorName, pairs: [])].pairs.append(p)
        }
        let manifest = try? JSONSerialization.jsonObject(with: try await store.roundFile(roundID: record.id, name: "round.json") ?? Data()) as? [String: Any]
        func objective(_ key: String) -> String {
            (manifest?[key] as? Double).map { PageFormat.number($0, digits: 6, language) } ?? ""
        }
        return RoundView(
            number: record.number, status: record.status,
            statusText: record.isFinal ? Word.published.text(language) : Word.proposed.text(language),
            cohorts: cohorts.keys.sorted().map { cohorts[$0]! },
            unassigned: unassigned.map {
                Unassigned(menteeID: $0["mentee_id"] ?? "", menteeName: $0["mentee_name"] ?? "", reasonKey: $0["reason"] ?? "",
                           reason: Word.reason($0["reason"] ?? "", language), detail: ExplanationText.say($0["detail"] ?? "", language))
            },
            // The first round starts from no pairs: every pair is new, nothing to list.
            changes: record.number == 1 ? [] : diff.filter { $0["change"] != "kept" }.map {
                Change(menteeID: $0["mentee_id"] ?? "", before: $0["before"] ?? "", after: $0["after"] ?? "",
                       change: changeText($0["change"] ?? "", language), reason: ExplanationText.say($0["reason"] ?? "", language))
            },
            alternates: alternates.filter { $0["rank"] == "1" }.map {
                Alternate(menteeID: $0["mentee_id"] ?? "", mentorID: $0["mentor_id"] ?? "", score: PageFormat.decimal($0["score"], language),
                          reason: alternateReason($0["reason"] ?? "", language), mentorLoad: $0["mentor_load"] ?? "",
                          totalChange: PageFormat.decimal($0["total_change"], language))
            },
            blocking: blocking.map {
                Blocking(menteeID: $0["mentee_id"] ?? "", mentorID: $0["mentor_id"] ?? "", score: PageFormat.decimal($0["score"], language),
                         menteeCurrent: PageFormat.decimal($0["mentee_current_score"], language),
                         mentorWeakest: PageFormat.decimal($0["mentor_weakest_score"], language))
            },
            pairCount: pairs.count, objectiveBefore: objective("objective_before"), objectiveAfter: objective("objective_after"),
            files: try await store.roundFileNames(roundID: record.id))
    }
}

extension PageFormat {
    /// A decimal as written in a result file, shown with the page language's separator.
    static func decimal(_ text: String?, _ language: Language) -> String {
        guard let text else { return "" }
        return decimalSign(text, language)
    }
}
