import Pendamping

/// The project's own hand-checked subset of KBLI 2020 codes common among UMKM, with a
/// business label, a relative frequency and the needs typical of the sector; and the local
/// languages of each province used by ``ProvinceGenerator``.
enum SyntheticVocabulary {
    struct Sector { let kbli: String; let label: String; let weight: Double; let needs: [Skill] }

    static let sectors: [Sector] = [
        Sector(kbli: "10710", label: "Roti", weight: 6, needs: [.halal, .kemasan, .nib, .qris]),
        Sector(kbli: "10792", label: "Kue", weight: 6, needs: [.halal, .kemasan, .pemasaran, .nib]),
        Sector(kbli: "10799", label: "Keripik", weight: 8, needs: [.halal, .kemasan, .haki, .pemasaran]),
        Sector(kbli: "10750", label: "Sambal", weight: 3, needs: [.halal, .kemasan, .nib]),
        Sector(kbli: "10761", label: "Kopi", weight: 3, needs: [.kemasan, .haki, .ekspor, .digital]),
        Sector(kbli: "10221", label: "Ikan Asin", weight: 2, needs: [.halal, .kemasan, .produksi]),
        Sector(kbli: "11040", label: "Minuman", weight: 3, needs: [.halal, .nib, .kemasan]),
        Sector(kbli: "56102", label: "Warung Makan", weight: 10, needs: [.halal, .qris, .keuangan, .nib]),
        Sector(kbli: "56303", label: "Kedai Kopi", weight: 3, needs: [.qris, .digital, .pemasaran]),
        Sector(kbli: "47112", label: "Toko Kelontong", weight: 10, needs: [.digital, .qris, .keuangan]),
        Sector(kbli: "47711", label: "Toko Pakaian", weight: 3, needs: [.digital, .pemasaran, .keuangan]),
        Sector(kbli: "47911", label: "Toko Daring", weight: 4, needs: [.digital, .pemasaran, .qris]),
        Sector(kbli: "14111", label: "Konveksi", weight: 5, needs: [.pemasaran, .digital, .haki, .produksi]),
        Sector(kbli: "13134", label: "Batik", weight: 2, needs: [.haki, .pemasaran, .ekspor, .digital]),
        Sector(kbli: "15120", label: "Tas Kulit", weight: 1, needs: [.haki, .produksi, .ekspor]),
        Sector(kbli: "16299", label: "Kerajinan Kayu", weight: 2, needs: [.produksi, .haki, .ekspor]),
        Sector(kbli: "32909", label: "Kerajinan Anyaman", weight: 2, needs: [.haki, .pemasaran, .ekspor]),
        Sector(kbli: "01130", label: "Sayur", weight: 4, needs: [.produksi, .keuangan, .nib]),
        Sector(kbli: "01462", label: "Ternak Ayam", weight: 3, needs: [.produksi, .keuangan, .halal]),
        Sector(kbli: "03221", label: "Budidaya Ikan", weight: 3, needs: [.produksi, .keuangan, .nib]),
        Sector(kbli: "02300", label: "Rotan dan Madu", weight: 2, needs: [.kemasan, .haki, .ekspor]),
        Sector(kbli: "96011", label: "Laundry", weight: 3, needs: [.digital, .keuangan, .qris]),
        Sector(kbli: "96021", label: "Salon", weight: 2, needs: [.digital, .qris, .keuangan]),
        Sector(kbli: "45407", label: "Bengkel Motor", weight: 3, needs: [.keuangan, .nib, .digital]),
    ]

    /// Local languages by province code with the share of people stating each (besides `ind`).
    static func languages(province: String) -> [(code: String, share: Double)] {
        switch province {
        case "62": return [("bjn", 0.55), ("nij", 0.30), ("jav", 0.15)]  // Kalimantan Tengah: Banjar, Dayak Ngaju
        case "31": return [("bew", 0.35), ("jav", 0.30), ("sun", 0.20)]  // DKI Jakarta: Betawi
        case "32": return [("sun", 0.80), ("jav", 0.12), ("bew", 0.05)]  // Jawa Barat: Sunda
        case "33", "34", "35": return [("jav", 0.90), ("mad", 0.08)]
        default: return [("jav", 0.30)]
        }
    }
}
