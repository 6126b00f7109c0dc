import Foundation
import Tabular

/// The result files' explanation sentences (`diff.csv` reasons, `unassigned.csv` details) in
/// Indonesian for the report and the web app's pages. The files stay in English, byte for
/// byte as written; a page reads each sentence by its fixed pattern and says it again in
/// Indonesian. A sentence of no known pattern is shown as written.
public enum ExplanationText {
    typealias Rule = (pattern: Regex<AnyRegexOutput>, indonesian: ([Substring]) -> String)

    static func rule(_ pattern: String, _ indonesian: @escaping ([Substring]) -> String) -> Rule {
        (try! Regex(pattern), indonesian)
    }

    static func decision(_ word: Substring) -> String {
        switch word {
        case "accept": return "diterima"
        case "lock": return "dikunci"
        case "reject": return "ditolak"
        default: return String(word)
        }
    }

    /// Patterns of `CurationRound` reasons and `Matcher` details, anchored, with captures.
    /// Built once and never changed (`Regex` is not marked `Sendable`, hence the annotation).
    nonisolated(unsafe) static let rules: [Rule] = [
        rule(#"^kept \(no change gains more than ([0-9.]+)\)$"#) { "tetap (tidak ada perubahan yang menambah skor lebih dari \(id($0[0])))" },
        rule(#"^(accept|lock|reject)ed by curators$"#) { "\(decision($0[0])) oleh kurator" },
        rule(#"^mentee withdrawn$"#) { _ in "UMKM mengundurkan diri" },
        rule(#"^mentee no longer in the mentees file$"#) { _ in "UMKM tidak ada lagi di daftar UMKM" },
        rule(#"^previous pair rejected by curators$"#) { _ in "pasangan sebelumnya ditolak kurator" },
        rule(#"^previous mentor (.+) withdrawn$"#) { "pendamping sebelumnya \($0[0]) mengundurkan diri" },
        rule(#"^previous mentor (.+) no longer in the mentors file$"#) { "pendamping sebelumnya \($0[0]) tidak ada lagi di daftar pendamping" },
        rule(#"^(accept|lock) decision for (.+)$"#) { "keputusan \(decision($0[0])) untuk \($0[1])" },
        rule(#"^its slot went to a pairing that gains more than ([0-9.]+)$"#) { "tempatnya diberikan ke pasangan yang menambah skor lebih dari \(id($0[0]))" },
        rule(#"^moving gains more than ([0-9.]+) in total score$"#) { "pindah menambah total skor lebih dari \(id($0[0]))" },
        rule(#"^(accept|lock|reject) decision$"#) { "keputusan \(decision($0[0]))" },
        rule(#"^newly matched$"#) { _ in "baru mendapat pendamping" },
        rule(#"^([0-9]+) allowed mentor\(s\) rejected by curators$"#) { "\($0[0]) pendamping yang memenuhi aturan ditolak kurator" },
        rule(#"^no mentor passes max ([0-9.]+) km and the other rules; nearest mentor is ([0-9.]+) km away$"#) {
            "tidak ada pendamping dalam \(id($0[0])) km dan aturan lainnya; pendamping terdekat \(id($0[1])) km" },
        rule(#"^no mentor passes the profile's rules; nearest mentor is ([0-9.]+) km away$"#) {
            "tidak ada pendamping yang memenuhi aturan profil; pendamping terdekat \(id($0[0])) km" },
        rule(#"^solver ended with status (\S+) and no solution$"#) { "perhitungan berhenti (status \($0[0])) tanpa solusi" },
        rule(#"^([0-9]+) candidate mentor\(s\) have room but the programme rules \(minimum cohorts, hours, quotas\) keep this mentee out(.*)$"#) {
            "\($0[0]) calon pendamping masih punya tempat, tetapi aturan program (kelompok minimum, jam, kuota) tidak mengizinkan UMKM ini\(note($0[1]))" },
        rule(#"^([0-9]+) of ([0-9]+) candidate mentor\(s\) full with (higher-value mentees|mentees they prefer \(stated choices, then score\)|mentees that keep the worst score higher); best candidate (.+) \(score ([0-9.]+)\)(.*)$"#) {
            let with: String
            switch $0[2] {
            case "higher-value mentees": with = "UMKM bernilai lebih tinggi"
            case "mentees that keep the worst score higher": with = "UMKM yang menjaga skor terendah lebih tinggi"
            default: with = "UMKM yang mereka pilih (pilihan tertulis, lalu skor)"
            }
            return "\($0[0]) dari \($0[1]) calon pendamping penuh dengan \(with); calon terbaik \($0[3]) (skor \(id($0[4])))\(note($0[5]))"
        },
    ]

    static func id(_ number: Substring) -> String { decimalSign(String(number), .id) }

    /// The note a detail may end with, ` (best solution found; solver status S)` for a
    /// status `S` without spaces, in Indonesian; any other tail as it is. Compared as text, not
    /// by a regular expression, which would be parsed again at every call. `O(length)`.
    static func note(_ tail: Substring) -> String {
        let opening = " (best solution found; solver status "
        guard tail.hasPrefix(opening), tail.hasSuffix(")") else { return String(tail) }
        let status = tail.dropFirst(opening.count).dropLast()
        guard !status.isEmpty, !status.contains(where: \.isWhitespace) else { return String(tail) }
        return " (solusi terbaik yang ditemukan; status \(status))"
    }

    /// `sentence` in `language`: itself in English; in Indonesian, by the first pattern it
    /// matches. - Complexity: `O(patterns · length)`.
    public static func say(_ sentence: String, _ language: Language) -> String {
        guard language == .id else { return sentence }
        for r in rules {
            if let m = sentence.wholeMatch(of: r.pattern) {
                let captures = (1..<m.output.count).map { m.output[$0].substring ?? "" }
                return r.indonesian(captures)
            }
        }
        return sentence
    }

    /// Whether a sentence has a known pattern (for tests).
    public static func isKnown(_ sentence: String) -> Bool { rules.contains { sentence.wholeMatch(of: $0.pattern) != nil } }
}
