/// Column names an office list may use for the columns Pendamping reads: Indonesian headers
/// such as `Nama Usaha`, `Kode KBLI`, `Lintang`/`Bujur`, `Kecamatan`, `Kebutuhan`. Headers
/// are compared after ``normalise(_:)``: case, spaces, hyphens, dots and slashes do not count.
public enum HeaderAliases {
    /// Canonical column → its accepted aliases (normalised).
    public static let aliases: [String: [String]] = [
        "id": ["id_umkm", "id_usaha", "kode", "kode_umkm", "id_pendamping", "id_mentor", "kode_pendamping", "kode_mentor",
               "no_registrasi", "nomor_registrasi", "no_reg", "no_anggota", "nomor_anggota", "id_anggota"],
        "name": ["nama", "nama_usaha", "nama_umkm", "nama_pendamping", "nama_mentor", "nama_toko", "nama_perusahaan", "nama_bisnis",
                 "business_name", "business"],
        "kbli": ["kode_kbli", "kbli_2020", "kode_kbli_2020"],
        "lat": ["lintang", "latitude"],
        "lon": ["bujur", "longitude", "lng"],
        "region": ["wilayah", "kode_wilayah"],
        "kecamatan": ["kec"],
        "kabupaten": ["kota", "kab", "kab_kota", "kabupaten_kota"],
        "provinsi": ["propinsi", "province"],
        "kelurahan": ["desa", "kelurahan_desa", "desa_kelurahan"],
        "capacity": ["kapasitas", "kuota", "daya_tampung"],
        "needs": ["kebutuhan", "kebutuhan_pendampingan"],
        "expertise": ["keahlian", "bidang_keahlian"],
        "languages": ["bahasa", "language"],
        "kind": ["jenis"],
        "scale": ["skala", "skala_usaha"],
        "nib": ["nomor_induk_berusaha"],
        "gender": ["jenis_kelamin"],
        "hours_per_month": ["jam_per_bulan"],
        "hours_needed": ["kebutuhan_jam"],
        "priority": ["prioritas"],
        "prefer": ["preferensi"],
        "online": ["daring"],
    ]

    static let canonicalOf: [String: String] = {
        var out: [String: String] = [:]
        for (canonical, list) in aliases { for a in list { out[a] = canonical } }
        return out
    }()

    /// Lower case, with runs of spaces, hyphens, dots and slashes as one `_`. `O(length)`.
    public static func normalise(_ header: String) -> String {
        var out = "", pendingBreak = false
        for ch in header.lowercased() {
            if ch == " " || ch == "-" || ch == "." || ch == "/" || ch == "_" || ch == "\t" {
                pendingBreak = !out.isEmpty
            } else {
                if pendingBreak { out.append("_"); pendingBreak = false }
                out.append(ch)
            }
        }
        return out
    }

    /// The canonical column a header stands for: its normalised form, or the column it is an
    /// alias of. `O(length)`.
    public static func canonical(_ header: String) -> String {
        let n = normalise(header)
        return canonicalOf[n] ?? n
    }
}
