import Foundation
import Pendamping
import Tabular
import PendampingPlanning

/// Every string the pages show, in one typed catalogue: a case per string, and a switch
/// that cannot compile without both languages.
public enum Word: String, CaseIterable, Sendable {
    /// Sign-in and the application's name.
    case appName, signIn, signOut, name, password, wrongLogin, tooManyAttempts
    /// The programmes page.
    case programmes, newProgramme, create, region, noProgrammes
    /// Lists and their upload.
    case lists, mentors, mentees, upload, uploadHint, listsRefused, listsAccepted, dataQuality, fileName, rows, uploadedBy
    /// Rounds and their solving.
    case rounds, round, propose, resolve, proposedBy, status, proposed, published, publish, cancel, solving, cancelled
    /// A round's pairs and their scores.
    case summary, pairs, mentor, mentee, score, sector, location, capacity, culture, distance, decision, actions
    /// Decisions and a round's changes.
    case accept, reject, lock, withdraw, withdrawHint, clear, unassigned, reason, changes, kept, moved, lost, gained, withdrawn
    /// Downloads, the audit log and members.
    case downloads, printView, audit, who, when, what, members, addMember, role, conflict, decidedBy, live
    /// Why a mentee is unassigned.
    case reasonNoMentor, reasonAllRejected, reasonCandidatesFull, reasonProgrammeRules, reasonNotSolved
    /// Passwords.
    case changePassword, currentPassword, newPassword, repeatPassword, oneTimeNote, passwordRule, passwordsDiffer, refuseListsFirst, refuseProfile, refuseSolveRunning, refuseInput, refuseDecisions, refuseNoRound, refusePublished, refuseForm, programmeRules, minCohort, hoursRule, quotaLevel, quotaShare, quotaCount, coverAll, weights, rules, maxKm, candidatesK, stabilityPenalty, sameKabupaten, languageOverlap, projection, planSettings, years, byYear, coverageByYear, alternates, alternatesHint, blockingPairs, blockingHint, altFull, altLowerScore, altRules, altRejected, altPreferredOther, altRolesFilled, load, totalChange, currentScore, weakestScore, language, back, report, map, total, planning, newScenario, scenarioName, kind, count, placeRecruit, placeKabupaten, place, expertise, languages, kbli, targetCoverage, budget, answer, kindBusiness, kindConsultant, kindCadre, kindVolunteer, optional, objectiveBefore, objectiveAfter, forbiddenNote, notFound, cohortOf, contacts, profile, save

    /// The string in `language`.
    public func text(_ language: Language) -> String {
        let (id, en) = pair
        return language == .id ? id : en
    }

    private var pair: (String, String) {
        switch self {
        case .appName: return ("Pendamping", "Pendamping")
        case .signIn: return ("Masuk", "Sign in")
        case .signOut: return ("Keluar", "Sign out")
        case .name: return ("Nama", "Name")
        case .password: return ("Kata sandi", "Password")
        case .wrongLogin: return ("Nama atau kata sandi salah.", "Wrong name or password.")
        case .tooManyAttempts: return ("Terlalu banyak percobaan. Coba lagi dalam 15 menit.", "Too many attempts. Try again in 15 minutes.")
        case .programmes: return ("Program", "Programmes")
        case .newProgramme: return ("Program baru", "New programme")
        case .create: return ("Buat", "Create")
        case .region: return ("Wilayah", "Region")
        case .noProgrammes: return ("Belum ada program untuk akun ini.", "No programme for this account yet.")
        case .lists: return ("Daftar", "Lists")
        case .mentors: return ("Pendamping (Kakak Asuh)", "Mentors (Kakak Asuh)")
        case .mentees: return ("UMKM binaan (Adik Asuh)", "Mentees (Adik Asuh)")
        case .upload: return ("Unggah", "Upload")
        case .uploadHint: return ("File .xlsx atau .csv, seperti yang diterima baris perintah.", "An .xlsx or .csv file, as the command line accepts.")
        case .listsRefused: return ("Daftar ditolak; tidak ada yang disimpan.", "Lists refused; nothing was stored.")
        case .listsAccepted: return ("Daftar diterima dan disimpan.", "Lists accepted and stored.")
        case .dataQuality: return ("Mutu data", "Data quality")
        case .fileName: return ("Berkas", "File")
        case .rows: return ("Baris", "Rows")
        case .uploadedBy: return ("Diunggah oleh", "Uploaded by")
        case .rounds: return ("Ronde kurasi", "Curation rounds")
        case .round: return ("Ronde", "Round")
        case .propose: return ("Usulkan pasangan", "Propose pairs")
        case .resolve: return ("Hitung ulang dengan keputusan", "Re-solve with decisions")
        case .proposedBy: return ("Diusulkan oleh", "Proposed by")
        case .status: return ("Status", "Status")
        case .proposed: return ("usulan", "proposed")
        case .published: return ("final", "published")
        case .publish: return ("Finalkan dan terbitkan", "Finalise and publish")
        case .cancel: return ("Batalkan", "Cancel")
        case .solving: return ("Sedang menghitung…", "Solving…")
        case .cancelled: return ("Perhitungan dibatalkan; tidak ada yang disimpan.", "Solve cancelled; nothing was stored.")
        case .summary: return ("Ringkasan", "Summary")
        case .pairs: return ("Pasangan", "Pairs")
        case .mentor: return ("Pendamping", "Mentor")
        case .mentee: return ("UMKM", "Mentee")
        case .score: return ("Skor", "Score")
        case .sector: return ("Sektor", "Sector")
        case .location: return ("Lokasi", "Location")
        case .capacity: return ("Kapasitas", "Capacity")
        case .culture: return ("Budaya", "Culture")
        case .distance: return ("Jarak (km)", "Distance (km)")
        case .decision: return ("Keputusan", "Decision")
        case .actions: return ("Tindakan", "Actions")
        case .accept: return ("Terima", "Accept")
        case .reject: return ("Tolak", "Reject")
        case .lock: return ("Kunci", "Lock")
        case .withdraw: return ("Mundur", "Withdraw")
        case .clear: return ("Batal", "Clear")
        case .withdrawHint: return ("UMKM ini mundur dari program", "This mentee leaves the programme")
        case .unassigned: return ("UMKM tanpa pendamping", "Mentees without a mentor")
        case .reason: return ("Alasan", "Reason")
        case .changes: return ("Perubahan dari ronde sebelumnya", "Changes from the previous round")
        case .kept: return ("tetap", "kept")
        case .moved: return ("pindah", "moved")
        case .lost: return ("lepas", "lost")
        case .gained: return ("baru", "gained")
        case .withdrawn: return ("mundur", "withdrawn")
        case .downloads: return ("Unduhan", "Downloads")
        case .printView: return ("Cetak per pendamping", "Print per mentor")
        case .audit: return ("Catatan audit", "Audit log")
        case .who: return ("Siapa", "Who")
        case .when: return ("Kapan", "When")
        case .what: return ("Apa", "What")
        case .members: return ("Anggota", "Members")
        case .addMember: return ("Tambah anggota", "Add member")
        case .role: return ("Peran", "Role")
        case .conflict: return ("Pasangan ini baru saja diputuskan oleh kurator lain", "Another curator has just decided this pair")
        case .decidedBy: return ("oleh", "by")
        case .live: return ("Keputusan kurator lain tampil langsung.", "Other curators' decisions appear live.")
        case .reasonNoMentor: return ("Tidak ada pendamping yang memenuhi aturan", "No mentor within the rules")
        case .reasonAllRejected: return ("Semua calon pendamping ditolak kurator", "Every candidate rejected by curators")
        case .reasonCandidatesFull: return ("Calon pendamping sudah penuh", "Candidate mentors are full")
        case .reasonProgrammeRules: return ("Aturan program (kelompok, jam, kuota)", "Programme rules (cohorts, hours, quotas)")
        case .reasonNotSolved: return ("Perhitungan berhenti sebelum ada solusi", "The solve stopped without a solution")
        case .language: return ("English", "Bahasa Indonesia")
        case .back: return ("Kembali", "Back")
        case .changePassword: return ("Ganti kata sandi", "Change password")
        case .currentPassword: return ("Kata sandi sekarang", "Current password")
        case .newPassword: return ("Kata sandi baru (minimal 8 karakter)", "New password (at least 8 characters)")
        case .repeatPassword: return ("Ulangi kata sandi baru", "Repeat the new password")
        case .oneTimeNote: return ("Kata sandi ini hanya untuk sekali masuk. Pilih kata sandi Anda sendiri sebelum melanjutkan.",
                                   "This password was for one sign-in. Choose your own before going on.")
        case .passwordRule: return ("Kata sandi baru minimal 8 karakter dan berbeda dari yang sekarang.",
                                    "A new password has at least 8 characters and differs from the current one.")
        case .passwordsDiffer: return ("Kedua kata sandi baru tidak sama.", "The two new passwords differ.")
        case .refuseListsFirst: return ("Unggah dulu daftar pendamping dan daftar UMKM.", "Upload the mentors and the mentees lists first.")
        case .refuseProfile: return ("Profil program tidak dapat dibaca:", "The programme's profile does not read:")
        case .refuseSolveRunning: return ("Perhitungan lain untuk program ini sedang berjalan.", "Another solve of this programme is running.")
        case .refuseInput: return ("Data tidak dapat dibaca:", "The data do not read:")
        case .refuseDecisions: return ("Keputusan kurator tidak dapat dipenuhi bersama:", "The curators' decisions cannot all hold:")
        case .refuseNoRound: return ("Belum ada ronde untuk diputuskan.", "No round to decide on yet.")
        case .refusePublished: return ("Ronde ini sudah final; keputusan ditutup.", "This round is published; decisions are closed.")
        case .refuseForm: return ("Isian tidak sesuai:", "A value of the form is out of range:")
        case .programmeRules: return ("Aturan program (dihitung dengan GLPK)", "Programme rules (solved with GLPK)")
        case .minCohort: return ("Kelompok binaan minimal per pendamping (0 = tidak ada)", "Minimum cohort per mentor (0 = none)")
        case .hoursRule: return ("Batasi jam pendamping (termasuk perjalanan)", "Limit mentor hours (travel included)")
        case .quotaLevel: return ("Kuota per wilayah", "Quotas per region")
        case .quotaShare: return ("Bagian minimal UMKM berpasangan per wilayah (0–1)", "Least share of each region's mentees matched (0–1)")
        case .quotaCount: return ("Jumlah minimal UMKM berpasangan per wilayah", "Least number of each region's mentees matched")
        case .coverAll: return ("Semua UMKM harus mendapat pendamping", "Every mentee must be matched")
        case .weights: return ("Bobot skor", "Score weights")
        case .rules: return ("Aturan", "Rules")
        case .maxKm: return ("Jarak terjauh (km)", "Farthest distance (km)")
        case .candidatesK: return ("Calon pendamping per UMKM (k)", "Candidate mentors per mentee (k)")
        case .stabilityPenalty: return ("Penalti perubahan antar-ronde", "Penalty for a change between rounds")
        case .sameKabupaten: return ("Harus satu kabupaten/kota", "Same kabupaten/kota only")
        case .languageOverlap: return ("Harus ada bahasa yang sama", "A shared language required")
        case .projection: return ("Proyeksi tahunan", "Year-by-year projection")
        case .planSettings: return ("Rencana (JSON: rekrutmen per tahun, berhenti, alumni, UMKM baru)", "Plan (JSON: recruitment a year, attrition, alumni, arrivals)")
        case .years: return ("Jumlah tahun", "Years")
        case .byYear: return ("Tercapai paling lambat tahun ke-", "Reached by year")
        case .coverageByYear: return ("Cakupan per tahun", "Coverage by year")
        case .alternates: return ("Pendamping alternatif terbaik", "Best other mentor")
        case .alternatesHint: return ("Untuk setiap UMKM: pendamping lain yang terbaik, mengapa bukan dia, dan perubahan total skor bila dipindah.",
                                      "For each mentee: the best other mentor, why not that one, and the change in total score if moved.")
        case .blockingPairs: return ("Pasangan pengganjal", "Blocking pairs")
        case .blockingHint: return ("UMKM dan pendamping yang sama-sama lebih memilih satu sama lain daripada pasangannya sekarang.",
                                    "A mentee and a mentor who would both rather be together than with whom they have.")
        case .altFull: return ("penuh", "full")
        case .altLowerScore: return ("skor lebih rendah", "lower score")
        case .altRules: return ("aturan program", "programme rules")
        case .altRejected: return ("ditolak kurator", "rejected by curators")
        case .altPreferredOther: return ("UMKM memilih pendampingnya sekarang", "the mentee prefers its mentor")
        case .altRolesFilled: return ("peran sudah terisi", "roles filled")
        case .load: return ("Beban", "Load")
        case .totalChange: return ("Perubahan total skor", "Change in total score")
        case .currentScore: return ("Skor UMKM sekarang", "Mentee's current score")
        case .weakestScore: return ("Skor terlemah pendamping", "Mentor's weakest score")
        case .planning: return ("Perencanaan (bagaimana jika)", "Planning (what if)")
        case .newScenario: return ("Skenario baru", "New scenario")
        case .scenarioName: return ("Nama skenario", "Scenario name")
        case .kind: return ("Jenis pendamping baru", "Kind of new mentor")
        case .count: return ("Jumlah", "How many")
        case .place: return ("Ditempatkan", "Placed")
        case .placeRecruit: return ("di kecamatan yang paling membutuhkan (rekrutmen)", "where the need is greatest (recruitment)")
        case .placeKabupaten: return ("merata per kabupaten/kota", "evenly per kabupaten/kota")
        case .expertise: return ("Keahlian (dipisah koma)", "Expertise (comma-separated)")
        case .languages: return ("Bahasa (kode ISO 639-3, dipisah koma)", "Languages (ISO 639-3 codes, comma-separated)")
        case .kbli: return ("KBLI (dipisah koma)", "KBLI (comma-separated)")
        case .targetCoverage: return ("Target cakupan (mis. 0,10)", "Coverage target (e.g. 0.10)")
        case .budget: return ("Anggaran (rupiah)", "Budget (rupiah)")
        case .answer: return ("Hitung", "Answer")
        case .kindBusiness: return ("usaha (Kakak Asuh)", "business (Kakak Asuh)")
        case .kindConsultant: return ("konsultan PLUT", "PLUT consultant")
        case .kindCadre: return ("kader mahasiswa", "student cadre")
        case .kindVolunteer: return ("relawan", "volunteer")
        case .optional: return ("boleh kosong", "optional")
        case .report: return ("Laporan lengkap (report.html)", "Full report (report.html)")
        case .map: return ("Peta", "Map")
        case .total: return ("Total skor", "Total score")
        case .objectiveBefore: return ("Skor sebelum", "Score before")
        case .objectiveAfter: return ("Skor sesudah", "Score after")
        case .forbiddenNote: return ("Peran akun ini tidak boleh melakukan ini.", "This account's role may not do this.")
        case .notFound: return ("Tidak ditemukan.", "Not found.")
        case .cohortOf: return ("Kelompok binaan", "Cohort of")
        case .contacts: return ("Kontak", "Contacts")
        case .profile: return ("Profil pencocokan (JSON)", "Matching profile (JSON)")
        case .save: return ("Simpan", "Save")
        }
    }

    /// Every word in `language`, by key, for the templates (`{{t.signIn}}`).
    public static func table(_ language: Language) -> [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.text(language)) })
    }

    /// The words for an unassigned reason key of `unassigned.csv`, or the key itself if new.
    public static func reason(_ key: String, _ language: Language) -> String {
        switch UnassignedReason(rawValue: key) {
        case .noMentorWithinRules: return reasonNoMentor.text(language)
        case .allCandidatesRejected: return reasonAllRejected.text(language)
        case .candidatesFull: return reasonCandidatesFull.text(language)
        case .programmeRules: return reasonProgrammeRules.text(language)
        case .notSolved: return reasonNotSolved.text(language)
        case nil: return key
        }
    }
}

/// Numbers and dates the Indonesian way (`0,685`, `100,0 %`, `24 Oktober 2024`) or the English.
public enum PageFormat {
    /// `value` with `digits` decimals, the decimal comma in Indonesian.
    public static func number(_ value: Double, digits: Int, _ language: Language) -> String {
        decimalSign(String(format: "%.\(digits)f", value), language)
    }

    /// A share as a percentage with one decimal: `100,0 %` / `100.0 %`.
    public static func percent(_ share: Double, _ language: Language) -> String {
        number(share * 100, digits: 1, language) + " %"
    }

    static let monthsID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// A stored UTC time (`2024-10-24T09:30:00Z`) as `24 Oktober 2024 09.30` / `24 October 2024 09:30` (UTC).
    public static func date(_ stored: String, _ language: Language) -> String {
        let parts = stored.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5, (1...12).contains(parts[1]) else { return stored }
        let month = (language == .id ? monthsID : monthsEN)[parts[1] - 1]
        let time = String(format: language == .id ? "%02d.%02d" : "%02d:%02d", parts[3], parts[4])
        return "\(parts[2]) \(month) \(parts[0]) \(time) UTC"
    }
}
