import Tabular

/// What can be wrong with a record of a mentors or mentees list in this domain's terms
/// (KBLI codes, regions, needs, languages, preferences), beside the table-level
/// ``TableProblem``s. Each case says itself in English (the CLI's words) and in Indonesian
/// (the web app's).
public enum RecordProblem: IssueProblem, Equatable {
    // Columns of the header.
    /// No column places the record: no region code or name, no kecamatan and kabupaten.
    case regionColumnMissing
    /// One of `lat` and `lon` without the other.
    case latLonTogether
    /// The mentees file has a mentors list's columns.
    case mentorsListAsMentees
    /// No sheet of the workbook has a header row naming the list's columns.
    case noSheetHoldsList
    // Fields.
    /// The cell is empty though the named column is filled.
    case requiredWith(String)
    /// Not a KBLI 2020 code.
    case notKBLI(Echoed)
    /// The KBLI cell lists no code.
    case noKBLICode
    /// Not a Kemendagri region code.
    case notRegionCode(Echoed)
    /// No region to place the record by.
    case placeRequired
    /// A region code or name that cannot be used; the value as it may be shown.
    case region(RegionProblem, shown: Echoed)
    /// A well-formed code that the region table does not hold.
    case notInRegionTable(String)
    /// Coordinates far from the stated region's centre.
    case farFromRegion(km: Int, region: String)
    /// A need or expertise word not in the vocabulary.
    case unknownSkill(Echoed)
    /// Not an ISO 639-3 code; the three-letter code meant, when the cell held an ISO 639-1 one.
    case notLanguage(Echoed, meant: String?)
    /// Not a `prefer` token.
    case notPreference(Echoed)
    /// Not a gender.
    case notGender(Echoed)
    /// Not yes, no or only.
    case notOnline(Echoed)
    /// Not a business scale.
    case notScale(Echoed)
    /// Not a mentor kind.
    case notKind(Echoed)
    /// Not a 13-digit NIB.
    case notNIB(Echoed)
    /// A minimum cohort above the mentor's capacity.
    case minAboveCapacity(Int, capacity: Int)
    /// A preference naming a mentor not in the mentors file.
    case unknownMentor(Echoed)
    /// A preference naming a mentee not in the mentees file.
    case unknownMentee(Echoed)
    /// A mentor's preference naming one mentee twice.
    case menteeTwice(Echoed)
    /// An id that another sheet of the workbook uses too.
    case idOnOtherSheet(sheet: String, row: Int)
    // Decisions and preference files.
    /// Not accept, reject, lock or withdraw.
    case notDecision(Echoed)
    /// A withdrawal naming both sides or neither.
    case withdrawOneSide
    /// An id that is not in the mentors list (`mentor`) or the mentees list.
    case unknownID(mentor: Bool, Echoed)
    /// A second decision on the same pair.
    case alreadyDecided(pair: String, decision: String)
    /// A preferences file ranking the same partner twice.
    case rankedTwice(Echoed, Echoed)
    /// A mentee on two lines of a previous round's pairs.
    case pairedTwice(Echoed)
    /// A regions table's code that is not a region code.
    case notACode(Echoed)
    /// Choices stated both in a preferences file and in the list's prefer column.
    case choicesInTwoPlaces(mentor: Bool, id: String)

    /// The problem in `language`.
    public func text(_ language: Language) -> String {
        language == .en ? english : indonesian
    }

    private var english: String {
        let L = Language.en
        switch self {
        case .regionColumnMissing: return "required column is missing (a Kemendagri code or region name; or kecamatan and kabupaten columns)"
        case .latLonTogether: return "required column is missing: lat and lon go together"
        case .mentorsListAsMentees: return "has the columns of a mentors list (capacity, expertise); was the mentors file given as --mentees?"
        case .noSheetHoldsList: return "no sheet holds a list: no row names the columns id, name, kbli, …"
        case .requiredWith(let other): return "value is required when \(other) is given"
        case .notKBLI(let v): return "\(v.text(L)) is not a KBLI 2020 code (a section letter A–U or 2–5 digits of a known division)"
        case .noKBLICode: return "lists no code (items are separated by '|')"
        case .notRegionCode(let v): return "\(v.text(L)) is not a Kemendagri region code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD)"
        case .placeRequired: return "value is required (a region code or name) to place the record"
        case .region(let p, let shown): return p.describe(shown.text(L))
        case .notInRegionTable(let code): return "'\(code)' is not a region of the Kemendagri table"
        case .farFromRegion(let km, let code): return "the coordinates lie \(km) km from the centre of region \(code); check lat, lon and region"
        case .unknownSkill(let v):
            return "\(v.text(L)) is not a known need or expertise; use \(Skill.allCases.map(\.rawValue).joined(separator: ", ")) "
                + "or their plain words (e.g. sertifikasi halal, desain kemasan, pemasaran digital)"
        case .notLanguage(let v, let meant):
            return "\(v.text(L)) is not an ISO 639-3 language code" + (meant.map { " (ISO 639-3 writes it '\($0)')" } ?? " (three letters, e.g. ind, jav, bjn)")
        case .notPreference(let v): return "\(v.text(L)) is not gender:f|m, kind:KIND or mentor:ID"
        case .notGender(let v): return "\(v.text(L)) is not f/m (p/l)"
        case .notOnline(let v): return "\(v.text(L)) is not yes, no or only (ya, tidak, hanya)"
        case .notScale(let v): return "\(v.text(L)) is not one of mikro, kecil, menengah, besar"
        case .notKind(let v): return "\(v.text(L)) is not one of \(MentorKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .notNIB(let v): return "\(v.text(L)) is not a NIB: a NIB has 13 digits"
        case .minAboveCapacity(let m, let cap): return "\(m) is above the capacity \(cap)"
        case .unknownMentor(let v): return "names mentor \(v.text(L)), who is not in the mentors file"
        case .unknownMentee(let v): return "names mentee \(v.text(L)), who is not in the mentees file"
        case .menteeTwice(let v): return "names mentee \(v.text(L)) twice"
        case .idOnOtherSheet(let sheet, let row): return "this id is also on sheet '\(sheet)' row \(row)"
        case .notDecision(let v): return "\(v.text(L)) is not accept, reject, lock or withdraw"
        case .withdrawOneSide: return "withdraw takes exactly one of mentee_id and mentor_id"
        case .unknownID(let mentor, let v): return "unknown \(mentor ? "mentor" : "mentee") \(v.text(L))"
        case .alreadyDecided(let pair, let d): return "pair \(pair) already has a decision (\(d))"
        case .rankedTwice(let a, let b): return "\(a.text(L)) ranks \(b.text(L)) twice"
        case .pairedTwice(let v): return "mentee \(v.text(L)) appears twice"
        case .notACode(let v): return "\(v.text(L)) is not a region code"
        case .choicesInTwoPlaces(true, let id): return "mentor \(id) also states choices in the mentors file's prefer column; state them in one place"
        case .choicesInTwoPlaces(false, let id): return "mentee \(id) also ranks mentors in the mentees file's prefer column; state them in one place"
        }
    }

    private var indonesian: String {
        let L = Language.id
        switch self {
        case .regionColumnMissing: return "kolom wajib tidak ada (kode wilayah Kemendagri atau nama wilayah; atau kolom kecamatan dan kabupaten)"
        case .latLonTogether: return "kolom wajib tidak ada: lat dan lon selalu berpasangan"
        case .mentorsListAsMentees: return "berisi kolom daftar pendamping (kapasitas, keahlian); apakah daftar pendamping terunggah sebagai daftar UMKM binaan?"
        case .noSheetHoldsList: return "tidak ada lembar yang berisi daftar: tidak ada baris berjudul kolom id, nama, kbli, …"
        case .requiredWith(let other): return "wajib diisi bila \(other) diisi"
        case .notKBLI(let v): return "\(v.text(L)) bukan kode KBLI 2020 (huruf kategori A–U atau 2–5 angka golongan yang dikenal)"
        case .noKBLICode: return "tidak berisi kode (pisahkan dengan '|')"
        case .notRegionCode(let v): return "\(v.text(L)) bukan kode wilayah Kemendagri (PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD)"
        case .placeRequired: return "wajib diisi (kode atau nama wilayah) untuk menempatkan data"
        case .region(let p, let shown): return p.indonesian(shown.text(L))
        case .notInRegionTable(let code): return "'\(code)' bukan wilayah dalam tabel Kemendagri"
        case .farFromRegion(let km, let code): return "koordinat berjarak \(km) km dari pusat wilayah \(code); periksa lat, lon dan wilayah"
        case .unknownSkill(let v):
            return "\(v.text(L)) bukan kebutuhan atau keahlian yang dikenal; pakai \(Skill.allCases.map(\.rawValue).joined(separator: ", ")) "
                + "atau kata biasanya (mis. sertifikasi halal, desain kemasan, pemasaran digital)"
        case .notLanguage(let v, let meant):
            return "\(v.text(L)) bukan kode bahasa ISO 639-3" + (meant.map { " (ISO 639-3 menulisnya '\($0)')" } ?? " (tiga huruf, mis. ind, jav, bjn)")
        case .notPreference(let v): return "\(v.text(L)) bukan gender:f|m, kind:JENIS atau mentor:ID"
        case .notGender(let v): return "\(v.text(L)) bukan f/m (p/l)"
        case .notOnline(let v): return "\(v.text(L)) bukan ya, tidak atau hanya (yes, no, only)"
        case .notScale(let v): return "\(v.text(L)) bukan salah satu dari mikro, kecil, menengah, besar"
        case .notKind(let v): return "\(v.text(L)) bukan salah satu dari \(MentorKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .notNIB(let v): return "\(v.text(L)) bukan NIB: NIB terdiri dari 13 angka"
        case .minAboveCapacity(let m, let cap): return "\(m) melebihi kapasitas \(cap)"
        case .unknownMentor(let v): return "menyebut pendamping \(v.text(L)), yang tidak ada di daftar pendamping"
        case .unknownMentee(let v): return "menyebut UMKM binaan \(v.text(L)), yang tidak ada di daftar UMKM binaan"
        case .menteeTwice(let v): return "menyebut UMKM binaan \(v.text(L)) dua kali"
        case .idOnOtherSheet(let sheet, let row): return "id ini juga ada di lembar '\(sheet)' baris \(row)"
        case .notDecision(let v): return "\(v.text(L)) bukan accept, reject, lock atau withdraw"
        case .withdrawOneSide: return "withdraw memakai tepat satu dari mentee_id dan mentor_id"
        case .unknownID(let mentor, let v): return "\(mentor ? "pendamping" : "UMKM binaan") \(v.text(L)) tidak dikenal"
        case .alreadyDecided(let pair, let d): return "pasangan \(pair) sudah berkeputusan (\(d))"
        case .rankedTwice(let a, let b): return "\(a.text(L)) memeringkat \(b.text(L)) dua kali"
        case .pairedTwice(let v): return "UMKM binaan \(v.text(L)) muncul dua kali"
        case .notACode(let v): return "\(v.text(L)) bukan kode wilayah"
        case .choicesInTwoPlaces(true, let id): return "pendamping \(id) juga menyatakan pilihan di kolom prefer daftar pendamping; nyatakan di satu tempat saja"
        case .choicesInTwoPlaces(false, let id): return "UMKM binaan \(id) juga memeringkat pendamping di kolom prefer daftar UMKM binaan; nyatakan di satu tempat saja"
        }
    }
}
