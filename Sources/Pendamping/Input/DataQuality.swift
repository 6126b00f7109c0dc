/// What reading an office's lists found besides errors: where locations came from, which
/// regions were given by name, which headers were aliases, which words were not understood
/// and which businesses appear twice. `validate` prints it; ids only, never names.
public struct DataQuality: Sendable, Codable, Equatable {
    /// A count with the first few record ids.
    public struct Sample: Sendable, Codable, Equatable {
        /// How many records.
        public var count: Int = 0
        /// The first ids, at most ``shown``, in reading order.
        public var firstIDs: [String] = []
        /// How many ids a sample keeps.
        public static let shown = 5
        mutating func add(_ id: String) { count += 1; if firstIDs.count < Self.shown { firstIDs.append(id) } }
        /// This sample followed by `later`'s: counts added, the first ids kept in order. `O(shown)`.
        func merged(with later: Sample) -> Sample {
            Sample(count: count + later.count, firstIDs: Array((firstIDs + later.firstIDs).prefix(Self.shown)))
        }
    }

    /// One input file's findings.
    public struct File: Sendable, Codable, Equatable {
        /// The file's path, as given.
        public var file: String
        /// Records read from it.
        public var records: Int = 0
        /// Headers read as aliases: as written → the column they stand for.
        public var aliases: [String: String] = [:]
        /// Records by ``LocationSource`` (`given`, `kecamatan`, `kabupaten`).
        public var locationSource: [String: Sample] = [:]
        /// Records whose region was given by name and resolved to a code.
        public var regionsByName = Sample()
        /// Needs or expertise words that are not in the vocabulary, with the records using them.
        public var unknownWords: [String: Sample] = [:]
        /// The worksheets read, in order (empty for a CSV file).
        public var sheets: [String] = []
        /// Rows left out of the list: title rows above the header, a totals or signature
        /// block below the data, sheets with no list (``SkippedRow``).
        public var skippedRows: [SkippedRow] = []
        /// Records without an id column, whose id was made from their NIB (`nib`) or from
        /// their sheet (or file) and row (`row`, as `Adik Asuh!12`).
        public var generatedIDs: [String: Sample] = [:]
        /// Columns recognised as personal data (phone numbers, NIK, e-mail), left out of every
        /// output unless passed through by name.
        public var personalColumns: [String] = []
    }

    /// A row of a sheet that is not part of the list, and why.
    public struct SkippedRow: Sendable, Codable, Equatable {
        /// Why a row was left out.
        public enum Reason: String, Sendable, Codable, CaseIterable {
            /// Above the header: a title, a date, a blank or merged row.
            case aboveHeader = "above_header"
            /// Below the data: a totals row or a signature block.
            case footer
            /// A worksheet on which no header row was found (line 0).
            case noList = "no_list"
        }
        /// The worksheet's name (nil for a CSV file).
        public var sheet: String?
        /// The row's 1-based line (0: the whole sheet).
        public var line: Int
        /// Why it was left out.
        public var reason: Reason
    }

    /// Each input file's findings, in reading order.
    public var files: [File] = []
    /// Businesses listed twice (within or across the lists).
    public var duplicates: [DuplicateRecord] = []

    /// No findings.
    public init() {}
}

/// The same business listed twice: the first listing (kept by `--dedupe`) and the later one.
public struct DuplicateRecord: Sendable, Codable, Equatable {
    /// How the second listing was recognised: the same NIB, or the same name in the same kelurahan.
    public enum Reason: String, Sendable, Codable {
        /// The same NIB.
        case nib
        /// The same name in the same kelurahan.
        case nameInKelurahan = "name_in_kelurahan"
    }
    /// `mentor` or `mentee`, and the id, of the first listing.
    public var keptKind: String
    /// The first listing's id.
    public var keptID: String
    /// `mentor` or `mentee`: the kind of the later listing.
    public var droppedKind: String
    /// The later listing's id (left out by `--dedupe`).
    public var droppedID: String
    /// How the two were found to be one business.
    public var reason: Reason
}
