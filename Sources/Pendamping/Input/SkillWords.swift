import Foundation
import Tabular

/// Needs and expertise written in plain Indonesian (or English) words, mapped to the
/// ``Skill`` vocabulary: "sertifikasi halal" → `halal`, "desain kemasan" → `kemasan`,
/// "pemasaran digital" → `digital`. Phrases are compared as ``RegionName/words(_:)`` (case,
/// accents and punctuation do not count); anything else is refused by the reader, by name.
public enum SkillWords {
    /// Each skill's accepted phrases besides its own name.
    public static let phrases: [Skill: [String]] = [
        .halal: ["sertifikasi halal", "sertifikat halal", "label halal", "halal certification"],
        .haki: ["hki", "merek", "merk", "pendaftaran merek", "hak kekayaan intelektual", "kekayaan intelektual", "hak cipta"],
        .kemasan: ["desain kemasan", "pengemasan", "packaging", "label kemasan"],
        .digital: ["pemasaran digital", "digital marketing", "pemasaran online", "marketplace", "media sosial", "toko online"],
        .keuangan: ["pembukuan", "laporan keuangan", "manajemen keuangan", "permodalan", "akses permodalan", "akses pembiayaan"],
        .ekspor: ["export", "pasar ekspor"],
        .qris: ["pembayaran digital", "pembayaran qris"],
        .nib: ["perizinan", "izin usaha", "perizinan berusaha", "oss"],
        .produksi: ["kualitas produk", "peningkatan produksi", "proses produksi", "mutu produk"],
        .pemasaran: ["marketing", "penjualan", "strategi pemasaran"],
    ]

    static let skillOf: [String: Skill] = {
        var out: [String: Skill] = [:]
        for s in Skill.allCases { out[s.rawValue] = s }
        for (s, list) in phrases { for p in list { out[RegionName.words(p).joined(separator: " ")] = s } }
        return out
    }()

    /// The skill a word or phrase names, if any. `O(length)`.
    public static func skill(_ text: String) -> Skill? {
        if let s = Skill(rawValue: text) { return s } // the vocabulary as written: the common case
        return skillOf[RegionName.words(text).joined(separator: " ")]
    }

    /// Items of a needs or expertise cell: separated by `|`, `,`, `;` or `/`. `O(length)`.
    static func items(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" || $0 == "/" })
            .map { $0.trimmedASCII }.filter { !$0.isEmpty }
    }
}
