import Tabular

/// The report's words in Indonesian (default) and English.
extension Language {
    /// Every label the page and its script use, by key.
    package var words: [String: String] {
        switch self {
        case .id: return [
            "title": "Laporan Pendampingan UMKM", "summary": "Ringkasan", "map": "Peta", "cohorts": "Kelompok binaan per pendamping",
            "unassigned": "UMKM tanpa pendamping", "charts": "Grafik", "changes": "Perubahan ronde ini", "scenarios": "Skenario",
            "unassignedByReason": "Tanpa pendamping menurut alasan", "status": "Status", "objective": "nilai total",
            "curation": "Kurasi", "curationHelp": "Tandai setiap pasangan: terima, tolak atau kunci; tandai mundur bagi UMKM atau pendamping yang keluar. Pilihan tersimpan di peramban ini. Unduh decisions.csv lalu jalankan pendamping round dengan berkas itu.",
            "pending": "keputusan belum diproses", "download": "Unduh decisions.csv", "clear": "Hapus semua tanda",
            "clearConfirm": "Hapus semua keputusan yang ditandai?", "search": "Cari", "mentor": "Pendamping", "mentee": "UMKM",
            "kecamatan": "Kecamatan", "section": "Seksi KBLI", "minScore": "Skor minimal", "print": "Cetak per pendamping",
            "all": "Semua", "name": "Nama", "score": "Skor", "sector": "Sektor", "location": "Lokasi", "capacity": "Kapasitas",
            "culture": "Budaya", "reason": "Alasan", "detail": "Keterangan", "none": "Tidak ada.", "showMore": "Tampilkan lebih banyak", "needsCovered": "Kebutuhan terpenuhi", "needsOpen": "Belum terpenuhi", "more": "… dan %d lainnya (semua ada di unassigned.csv)",
            "cohortInCsv": "%d UMKM binaan; daftarnya ada di pairs.csv (halaman sebesar provinsi memuat kelompok pendamping pertama saja)",
            "accept": "Terima", "reject": "Tolak", "lock": "Kunci", "withdraw": "Mundur",
            "scoreDistribution": "Sebaran skor pasangan", "coverageByKabupaten": "Cakupan per kabupaten/kota",
            "change": "Perubahan", "before": "Sebelum", "after": "Sesudah", "coverageCurve": "Cakupan menurut total kapasitas pendamping (garis putus: kapasitas sekarang)",
            "marginal": "Nilai tambah satu slot per pendamping", "gain": "Tambahan skor",
            "matched": "UMKM berpasangan", "coverage": "Cakupan", "meanScore": "Skor rata-rata", "worstScore": "Skor terendah",
            "capacityUse": "Kapasitas terpakai", "unassignedCount": "Tanpa pendamping",
            "blockingPairs": "Pasangan pengganjal (saling lebih memilih)", "priceStability": "Harga stabilitas",
            "priceMaxmin": "Harga pemerataan skor", "ofOptimum": "dari optimum skor", "online": "daring",
            "footer": "Dibuat oleh Pendamping. Berkas ini berdiri sendiri dan tidak mengakses jaringan.",
            "mapNoteFull": "Setiap garis satu pasangan; warna UMKM mengikuti pendampingnya; kotak merah: tanpa pendamping. Geser untuk memindah, gulir untuk memperbesar.",
            "mapNoteAggregated": "Gelembung per kecamatan: ukuran = jumlah UMKM, warna = cakupan (merah rendah, hijau tinggi); titik hitam: pendamping.",
            "legendMentor": "pendamping (ukuran = kapasitas)", "legendUnassigned": "tanpa pendamping", "legendFull": "kandidat penuh",
            "kept": "Tetap", "moved": "Pindah", "lost": "Lepas", "gained": "Baru", "withdrawn": "Mundur",
            "no_mentor_within_rules": "tidak ada pendamping dalam aturan", "all_candidates_rejected": "semua kandidat ditolak",
            "candidates_full": "kandidat sudah penuh", "not_solved": "belum terselesaikan",
            "programme_rules": "aturan program (kelompok, jam, kuota)",
        ]
        case .en: return [
            "title": "UMKM Mentoring Report", "summary": "Summary", "map": "Map", "cohorts": "Cohorts by mentor",
            "unassigned": "Mentees without a mentor", "charts": "Charts", "changes": "Changes in this round", "scenarios": "Scenarios",
            "unassignedByReason": "Unassigned by reason", "status": "Status", "objective": "total score",
            "curation": "Curation", "curationHelp": "Mark each pair accept, reject or lock; mark a mentee or mentor who leaves as withdrawn. Choices are kept in this browser. Download decisions.csv and run pendamping round with it.",
            "pending": "decisions pending", "download": "Download decisions.csv", "clear": "Clear all marks",
            "clearConfirm": "Clear every marked decision?", "search": "Search", "mentor": "Mentor", "mentee": "Mentee",
            "kecamatan": "Kecamatan", "section": "KBLI section", "minScore": "Minimum score", "print": "Print one mentor per page",
            "all": "All", "name": "Name", "score": "Score", "sector": "Sector", "location": "Location", "capacity": "Capacity",
            "culture": "Culture", "reason": "Reason", "detail": "Detail", "none": "None.", "showMore": "Show more", "needsCovered": "Needs covered", "needsOpen": "Not covered", "more": "… and %d more (all in unassigned.csv)",
            "cohortInCsv": "%d mentees; the list is in pairs.csv (a province-sized page carries the first mentors' cohorts only)",
            "accept": "Accept", "reject": "Reject", "lock": "Lock", "withdraw": "Withdraw",
            "scoreDistribution": "Score distribution of pairs", "coverageByKabupaten": "Coverage by kabupaten/kota",
            "change": "Change", "before": "Before", "after": "After", "coverageCurve": "Coverage by total mentor capacity (dashed: current capacity)",
            "marginal": "Value of one more slot per mentor", "gain": "Score gain",
            "matched": "Matched mentees", "coverage": "Coverage", "meanScore": "Mean score", "worstScore": "Worst score",
            "capacityUse": "Capacity used", "unassignedCount": "Without a mentor",
            "blockingPairs": "Blocking pairs (would rather be together)", "priceStability": "Price of stability",
            "priceMaxmin": "Price of raising the worst score", "ofOptimum": "of the score optimum", "online": "online",
            "footer": "Made by Pendamping. This file is self-contained and makes no network request.",
            "mapNoteFull": "Each line is a pair; mentees take their mentor's colour; red squares: no mentor. Drag to pan, scroll to zoom.",
            "mapNoteAggregated": "Bubbles per kecamatan: size = mentees, colour = coverage (red low, green high); black dots: mentors.",
            "legendMentor": "mentor (size = capacity)", "legendUnassigned": "no mentor", "legendFull": "candidates full",
            "kept": "Kept", "moved": "Moved", "lost": "Lost", "gained": "Gained", "withdrawn": "Withdrawn",
            "no_mentor_within_rules": "no mentor within the rules", "all_candidates_rejected": "all candidates rejected",
            "candidates_full": "candidates full", "not_solved": "not solved",
            "programme_rules": "programme rules (cohorts, hours, quotas)",
        ]
        }
    }
}
