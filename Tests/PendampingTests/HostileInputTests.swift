import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular

/// One hostile input: files written into a fresh directory, the command run there, and what
/// must come back: the exit code, a fragment of the message, and no output left behind.
struct HostileCase: CustomStringConvertible, Sendable {
    var name: String
    var files: [String: Data]
    var arguments: [String]
    var exit: Int32
    var fragment: String
    var description: String { name }
}

/// A name planted in the inputs: it must never appear in any message.
let plantedName = "Ibu Rahasia Wulandari"

/// The hostile-input table: malformed CSV fields of every kind, broken files, bad settings
/// and scenarios, out-of-range flags, unusable output paths, bad decisions and GAP files.
enum HostileTable {
    static let mentors = try! String(contentsOf: packageRoot.appendingPathComponent("fixtures/jakarta-barat/mentors.csv"), encoding: .utf8)
    static let mentees = try! String(contentsOf: packageRoot.appendingPathComponent("fixtures/jakarta-barat/mentees.csv"), encoding: .utf8)
    static let match = ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "o"]

    /// The fixture with one field of the first data row replaced.
    static func replacing(_ text: String, column: String, with value: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        row[header.firstIndex(of: column)!] = value.contains(",") ? "\"\(value)\"" : value
        lines[1] = row.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    static func csv(_ m: String = mentors, _ e: String = mentees, _ more: [String: String] = [:]) -> [String: Data] {
        var files = ["m.csv": Data(m.utf8), "e.csv": Data(e.utf8)]
        for (k, v) in more { files[k] = Data(v.utf8) }
        return files
    }

    static var all: [HostileCase] {
        var cases: [HostileCase] = []
        func add(_ name: String, _ files: [String: Data], _ args: [String], _ exit: Int32, _ fragment: String) {
            cases.append(HostileCase(name: name, files: files, arguments: args, exit: exit, fragment: fragment))
        }
        // Mentor fields: every value must be refused with the column named (exit 65).
        let mentorBad: [(String, [String])] = [
            ("kbli", ["", "|", "ZZZ", "123456", plantedName, "00111"]),
            ("lat", ["", "abc", "91", "-91", "1e400", "nan", "inf", "6,1", plantedName]),
            ("lon", ["", "181", "-181", "x", "infinity"]),
            ("region", ["", "3173", "31.7", "abc", plantedName]),
            ("capacity", ["", "0", "-1", "2147483648", "9223372036854775808", "1.5", "100001", "ten", plantedName]),
            ("expertise", ["masak", "halal|terbang", plantedName]),
            ("languages", ["indonesia", "12", plantedName]),
            ("gender", ["x", plantedName]),
            ("scale", ["raksasa", plantedName]),
            ("kind", ["alien", plantedName]),
            ("id", [""]),
        ]
        for (column, values) in mentorBad {
            for v in values {
                add("mentor \(column) = \(v.prefix(12))", csv(replacing(mentors, column: column, with: v)), match, 65, "column '\(column)'")
            }
        }
        // Optional mentor columns added to the file.
        for (column, v) in [("min_mentees", "-3"), ("min_mentees", "100001"), ("min_mentees", "20"), ("hours_per_month", "-5"),
                            ("hours_per_month", "1e12"), ("hours_per_month", "forty")] {
            let m = mentors.replacingOccurrences(of: "kind\n", with: "kind,\(column)\n")
                .split(separator: "\n").enumerated().map { $0.offset == 0 ? String($0.element) : String($0.element) + ",\(v)" }.joined(separator: "\n")
            add("mentor \(column) = \(v)", csv(m + "\n"), match, 65, "column '\(column)'")
        }
        // Mentee fields.
        let menteeBad: [(String, [String])] = [
            ("kbli", ["", "|", "Q9", plantedName]),
            ("lat", ["", "-90.5", "1,5", plantedName]),
            ("lon", ["200", "--1"]),
            ("region", ["", "31.73.01.1", plantedName]),
            ("needs", ["terbang", plantedName]),
            ("languages", ["x1", plantedName]),
            ("gender", ["q"]),
            ("scale", ["giant"]),
            ("prefer", ["mentor:NOBODY", "gender:x", "kind:alien", "foo", plantedName]),
            ("name", [""]),
        ]
        for (column, values) in menteeBad {
            for v in values {
                add("mentee \(column) = \(v.prefix(12))", csv(mentors, replacing(mentees, column: column, with: v)), match, 65, "column '\(column)'")
            }
        }
        // Whole-file problems.
        let structural: [(String, [String: Data], String)] = [
            ("empty mentors file", ["m.csv": Data(), "e.csv": Data(mentees.utf8)], "file is empty"),
            ("missing required column", csv(mentors.replacingOccurrences(of: ",capacity,", with: ",muatan,")), "required column is missing"),
            ("column twice", csv(mentors.replacingOccurrences(of: ",gender,", with: ",kbli,")), "column appears twice"),
            ("unclosed quote", csv(mentors + "KA-99,\"open,14111,-6.1,106.8,31.73.04,3\n"), "never closed"),
            ("text after closing quote", csv(mentors + "KA-99,\"a\"b,14111,-6.1,106.8,31.73.04,3,,,,,\n"), "after a closing quote"),
            ("short row", csv(mentors + "KA-99,x,14111\n"), "fields; the header has"),
            ("duplicate mentor id", csv(mentors + mentors.split(separator: "\n")[1] + "\n"), "duplicate id"),
            ("invalid UTF-8", ["m.csv": Data(mentors.utf8), "e.csv": Data(mentees.utf8) + Data([0x55, 0x4D, 0xE9, 0x0A])], "not valid UTF-8"),
            ("NUL byte in UTF-8", ["m.csv": Data(mentors.utf8), "e.csv": Data(mentees.utf8) + Data([0xC0, 0x80])], "not valid UTF-8"),
        ]
        for (name, files, fragment) in structural { add(name, files, match, 65, fragment) }
        add("windows-1252 undefined byte", ["m.csv": Data(mentors.utf8), "e.csv": Data(mentees.utf8) + Data([0x81])],
            match + ["--encoding", "windows-1252"], 65, "not a Windows-1252 character")
        add("unknown encoding", csv(), match + ["--encoding", "latin-9"], 64, "--encoding")
        add("mentors file missing", ["e.csv": Data(mentees.utf8)], match, 66, "no such file")
        add("mentors file is a directory", ["d/x": Data(), "e.csv": Data(mentees.utf8)],
            ["match", "--mentors", "d", "--mentees", "e.csv", "--out", "o"], 66, "is a directory")
        // Profiles.
        let profiles: [(String, String)] = [
            ("{\"k\": ", "not valid JSON"), ("[1, 2]", "top level must be a JSON object"), ("{\"max_kms\": 3}", "unknown setting"),
            ("{\"rules\": {\"max_km\": \"far\"}}", "rules.max_km"), ("{\"weights\": {\"sector\": 1e308, \"location\": 1e308}}", "weights.sector"),
            ("{\"weights\": {\"sector\": 0, \"location\": 0, \"capacity\": 0, \"culture\": 0}}", "at least one weight"),
            ("{\"weights\": {\"culture\": -1}}", "weights.culture"), ("{\"location\": {\"decay_km\": 0}}", "location.decay_km"),
            ("{\"location\": {\"region_share\": 2}}", "location.region_share"), ("{\"rules\": {\"max_km\": -5}}", "rules.max_km"),
            ("{\"rules\": {\"max_km\": 1e300}}", "rules.max_km"), ("{\"rules\": {\"min_score\": 1.5}}", "rules.min_score"),
            ("{\"k\": 0}", "k"), ("{\"k\": 100000}", "k"), ("{\"k\": 2.5}", "k"), ("{\"k\": true}", "k"),
            ("{\"constraints\": {\"sessions_per_month\": 1e308}}", "constraints.sessions_per_month"),
            ("{\"constraints\": {\"speed_kmh\": 0}}", "constraints.speed_kmh"),
            ("{\"constraints\": {\"min_mentees\": -1}}", "constraints.min_mentees"),
            ("{\"constraints\": {\"min_mentees\": 99999999999}}", "constraints.min_mentees"),
            ("{\"constraints\": {\"default_hours_needed\": 1e9}}", "constraints.default_hours_needed"),
            ("{\"constraints\": {\"quota_level\": \"desa\"}}", "constraints.quota_level"),
            ("{\"constraints\": {\"quota_share\": -0.1}}", "constraints.quota_share"),
            ("{\"constraints\": {\"quota_count\": -2}}", "constraints.quota_count"),
            ("{\"constraints\": {\"hours\": \"yes\"}}", "constraints.hours"),
            ("{\"stability\": {\"penalty\": 3}}", "stability.penalty"),
        ]
        for (json, fragment) in profiles {
            add("profile \(json.prefix(40))", csv(mentors, mentees, ["p.json": json]), match + ["--profile", "p.json"], 65, fragment)
        }
        // Flags.
        for (flag, value) in [("--time-limit", "inf"), ("--time-limit", "1e300"), ("--time-limit", "0"), ("--time-limit", "-1"),
                              ("--time-limit", "nan"), ("--gap", "1.5"), ("--gap", "-0.1"), ("--solver", "cplex"),
                              ("--cuts", "magic"), ("--heuristics", "luck")] {
            add("match \(flag) \(value)", csv(), match + [flag, value], 64, flag)
        }
        add("network solver with programme rules", csv(mentors, mentees, ["p.json": "{\"constraints\": {\"min_mentees\": 3}}"]),
            match + ["--profile", "p.json", "--solver", "network"], 64, "programme rules")
        for curve in ["1e12", "", "a,b", "1,,2", "-1", String(repeating: "1,", count: 120) + "1"] {
            add("whatif --curve \(curve.prefix(12))", csv(), ["whatif", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "o", "--curve", curve], 64, "--curve")
        }
        for (args, fragment) in [(["--mentees", "100000000000", "--mentors", "5", "--scope", "62"], "--mentees"),
                                 (["--mentees", "10", "--mentors", "9999999999", "--scope", "62"], "--mentors"),
                                 (["--mentees", "-1", "--mentors", "5", "--scope", "62"], "--mentees"),
                                 (["--preset", "XXL"], "preset"), (["--mentees", "10", "--mentors", "5", "--scope", "6X"], "--scope"),
                                 (["--mentees", "10"], "--preset")] {
            add("generate \(args.joined(separator: " ").prefix(30))", [:], ["generate"] + args + ["--out", "g"], 64, fragment)
        }
        // Output paths.
        add("--out empty", csv(), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", ""], 64, "path is empty")
        add("--out . holding the inputs", csv(), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "."], 73, "would replace the input")
        add("--out ..", csv(), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "sub/.."], 73, "would replace the input")
        add("--out /", csv(), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "/"], 64, "cannot be the output directory")
        add("--out the folder holding the inputs", ["in/m.csv": Data(mentors.utf8), "in/e.csv": Data(mentees.utf8)],
            ["match", "--mentors", "in/m.csv", "--mentees", "in/e.csv", "--out", "in"], 73, "would replace the input")
        add("--out is a file", csv(mentors, mentees, ["f": "x"]), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "f"], 73, "is a file")
        add("--out under a file", csv(mentors, mentees, ["f": "x"]), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "f/o"], 73, "is a file")
        add("--out a foreign directory", csv(mentors, mentees, ["notes/a.txt": "mine"]),
            ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "notes"], 73, "not an earlier Pendamping output")
        add("--out in /proc", csv(), ["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "/proc/pendamping-out"], 73, "cannot")
        add("export over an input", csv(), ["export", "--mentors", "m.csv", "--mentees", "e.csv", "--format", "lp", "--out", "m.csv"], 73, "would replace the input")
        add("export into a directory", csv(mentors, mentees, ["d/x": "1"]),
            ["export", "--mentors", "m.csv", "--mentees", "e.csv", "--format", "lp", "--out", "d"], 73, "is a directory")
        add("export unknown format", csv(), ["export", "--mentors", "m.csv", "--mentees", "e.csv", "--format", "xls", "--out", "x"], 64, "--format")
        add("generate into an input folder file", ["f": Data("x".utf8)], ["generate", "--preset", "S", "--out", "f"], 73, "is a file")
        // Decisions.
        let decisions: [(String, String)] = [
            ("mentee_id,mentor_id,decision\nNOBODY,KA-01,accept\n", "unknown mentee"),
            ("mentee_id,mentor_id,decision\nUM-001,NOBODY,lock\n", "unknown mentor"),
            ("mentee_id,mentor_id,decision\nUM-001,KA-01,maybe\n", "column 'decision'"),
            ("mentee_id,mentor_id,decision\nUM-001,KA-01,accept\nUM-001,KA-01,reject\n", "already has a decision"),
            ("mentee_id,mentor_id,decision\nUM-001,KA-01,withdraw\n", "exactly one of"),
            ("mentee_id,mentor_id\nUM-001,KA-01\n", "required column is missing"),
            ("mentee_id,mentor_id,decision\n\(plantedName),KA-01,accept\n", "unknown mentee"),
            ("mentee_id,mentor_id,decision\nUM-001,KA-01\n", "fields; the header has"),
        ]
        for (text, fragment) in decisions {
            add("decisions \(fragment)", csv(mentors, mentees, ["d.csv": text]), match + ["--decisions", "d.csv"], 65, fragment)
        }
        // Scenarios.
        let scenarios: [(String, String)] = [
            ("{\"add_mentors\": {\"kind\": \"cadre\"}}", "add_mentors"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"kbli\": \"47911\"}]}", "add_mentors[0].kbli"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"place\": 5}]}", "add_mentors[0].place"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"place\": []}]}", "add_mentors[0].place"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"hours_per_month\": -5}]}", "hours_per_month"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"hours_per_month\": \"40\"}]}", "hours_per_month"),
            ("{\"add_mentors\": [{\"kind\": \"wizard\", \"count\": 5, \"capacity\": 3}]}", "add_mentors[0].kind"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 0, \"capacity\": 3}]}", "add_mentors[0].count"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 0}]}", "add_mentors[0].capacity"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"colour\": \"red\"}]}", "add_mentors[0].colour"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"expertise\": [\"magic\"]}]}", "expertise"),
            ("{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5}]}", "add_mentors[0].capacity"),
            ("{\"capacity_scale\": 1e300}", "capacity_scale"), ("{\"capacity_scale\": -1}", "capacity_scale"),
            ("{\"capacity_set\": {\"consultant\": 9223372036854775807}}", "capacity_set"),
            ("{\"capacity_set\": {\"wizard\": 3}}", "capacity_set"), ("{\"name\": \"nothing\"}", "changes nothing"),
            ("{\"profile\": {\"rules\": {\"max_kms\": 3}}}", "unknown setting"), ("{\"profile\": 5}", "profile"),
            ("[]", "top level"), ("{\"unknown\": 1}", "unknown setting"),
        ]
        for (json, fragment) in scenarios {
            add("scenario \(json.prefix(50))", csv(mentors, mentees, ["s.json": json]),
                ["whatif", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "o", "--scenario", "s.json"], 65, fragment)
        }
        add("recruit with everyone matched", csv(mentors, mentees, [
            "s.json": "{\"add_mentors\": [{\"kind\": \"cadre\", \"count\": 5, \"capacity\": 3, \"place\": \"recruit\"}]}"]),
            ["whatif", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "o", "--scenario", "s.json"], 65, "already matched")
        // Round inputs.
        add("previous pairs without columns", csv(mentors, mentees, ["p.csv": "a,b\n1,2\n"]),
            ["round", "--mentors", "m.csv", "--mentees", "e.csv", "--previous", "p.csv", "--out", "o"], 65, "required column is missing")
        add("rerun of a directory that is no round", csv(mentors, mentees, ["r/x": "1"]),
            ["round", "--mentors", "m.csv", "--mentees", "e.csv", "--rerun", "r", "--out", "o"], 66, "no such file")
        // GAP files.
        let gaps: [(String, String)] = [
            ("1\n2 2\n1 2\n", "file ends"), ("1\n99999999999999999999 2\n", "not an integer"),
            ("1\n0 5\n", "agents"), ("1\n100000 100000\n", "agents"), ("2000\n", "instance count"),
            ("1\n1 1\n5\n-1\n3\n", "negative"), ("1\n1 1\n5\n1\n3\n7\n", "numbers follow"), ("x\n", "not an integer"),
        ]
        for (text, fragment) in gaps { add("gap \(fragment)", ["g.txt": Data(text.utf8)], ["gap", "g.txt"], 65, fragment) }
        return cases
    }
}

@Suite(.serialized) struct HostileInputTests {
    /// Every hostile input gets its exit code and message, leaves no output and no staging
    /// folder, changes no input, and never echoes the planted name.
    @Test func everyHostileInputIsRefusedPrecisely() throws {
        let cases = HostileTable.all
        #expect(cases.count >= 150, "the table holds \(cases.count) cases")
        for c in cases {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            for (name, data) in c.files {
                let url = dir.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            let run = try runCLI(c.arguments, in: dir)
            let said = run.stderr + run.stdout
            #expect(run.status == c.exit, "\(c.name): exit \(run.status), expected \(c.exit): \(said.prefix(300))")
            #expect(said.contains(c.fragment), "\(c.name): message lacks '\(c.fragment)': \(said.prefix(300))")
            #expect(!said.contains(plantedName), "\(c.name): a personal value was echoed")
            #expect(!said.contains("internal error:") && !said.contains("Fatal error"), "\(c.name): \(said.prefix(300))")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(!left.contains("o") && !left.contains("g") && !left.contains { $0.contains(".partial-") },
                    "\(c.name): output left behind: \(left)")
            for (name, data) in c.files where !name.contains("/") || !name.hasPrefix("d/") {
                #expect((try? Data(contentsOf: dir.appendingPathComponent(name))) == data, "\(c.name): input \(name) changed")
            }
        }
    }

    /// Ids that start with a formula character are written with a guarding `'` and read back
    /// exactly: a round on the written pairs keeps every pair.
    @Test func formulaGuardedIdsReadBackAsWritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var e = HostileTable.mentees
        for (k, prefix) in ["=", "+", "-", "@"].enumerated() { e = e.replacingOccurrences(of: "UM-00\(k + 1),", with: "\(prefix)UM-00\(k + 1),") }
        try Data(HostileTable.mentors.utf8).write(to: dir.appendingPathComponent("m.csv"))
        try Data(e.utf8).write(to: dir.appendingPathComponent("e.csv"))
        let first = try runCLI(["match", "--mentors", "m.csv", "--mentees", "e.csv", "--out", "o"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let pairs = try String(contentsOf: dir.appendingPathComponent("o/pairs.csv"), encoding: .utf8)
        #expect(pairs.contains("'=UM-001") && pairs.contains("'-UM-003"))
        let round = try runCLI(["round", "--mentors", "m.csv", "--mentees", "e.csv", "--previous", "o/pairs.csv", "--out", "r"], in: dir)
        #expect(round.status == 0, "\(round.stderr)")
        #expect(round.stdout.contains("lost 0") && round.stdout.contains("withdrawn 0"), "\(round.stdout)")
    }

    /// CR-only line ends count lines like LF: an error on the third record names line 4.
    @Test func crOnlyLineEndsNameTheRightLine() throws {
        let bad = HostileTable.mentors.replacingOccurrences(of: "\n", with: "\r")
            .replacingOccurrences(of: "KA-03,", with: "KA-03,,")
        var issues: [InputIssue] = []
        _ = DatasetReader.parseMentors(try CSVFile.parse(Data(bad.utf8), name: "m.csv"), issues: &issues)
        #expect(issues.first?.line == 4, "\(issues)")
    }

    /// A byte that breaks UTF-8 is located by line and byte; Windows-1252 reads the same file.
    @Test func encodingsAreLocatedAndConverted() throws {
        let bytes = Data("id,name\nA,Sayur\nB,Kopi\n".utf8).map { $0 } + [0x43, 0x2C, 0x54, 0xE9, 0x68, 0x0A]
        #expect(throws: InputError.self) { try CSVFile.parse(Data(bytes), name: "x.csv") }
        do { _ = try CSVFile.parse(Data(bytes), name: "x.csv") } catch InputError.invalid(let issues) {
            #expect(issues.first?.line == 4 && issues.first?.message.contains("byte 4") == true, "\(issues)")
        }
        let converted = try CSVFile.parse(Data(bytes), name: "x.csv", encoding: .windows1252)
        #expect(converted.records.last?.fields == ["C", "Téh"])
    }
}

/// Kills `match` at random instants while it replaces an output directory: every time, the
/// directory holds either the complete old result or the complete new one, and the next run
/// leaves no staging folder behind.
@Suite(.serialized) struct OutputSwapKillTests {
    @Test func killedRunsLeaveTheOldOrTheNewResultWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = ["jakarta-barat", "jakarta-barat-scarce"].map { name in
            ["--mentors", fixture("\(name)/mentors.csv"), "--mentees", fixture("\(name)/mentees.csv")]
        }
        let names = ["pairs.csv", "summary.json", "unassigned.csv", "mentors.csv"]
        func snapshot(_ out: String) -> [Data?] { names.map { try? Data(contentsOf: dir.appendingPathComponent("\(out)/\($0)")) } }
        var reference: [[Data?]] = []
        for (k, input) in inputs.enumerated() {
            let run = try runCLI(["match"] + input + ["--out", "ref\(k)"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            reference.append(snapshot("ref\(k)"))
        }
        #expect(reference[0] != reference[1])
        _ = try runCLI(["match"] + inputs[0] + ["--out", "o"], in: dir)
        var rng = SplitMix64(seed: 7)
        var killed = 0
        for round in 0..<40 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try cliBinary())
            p.arguments = ["match"] + inputs[round % 2] + ["--out", "o"]
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(rng.int(in: 0...60_000)))
            if p.isRunning { kill(p.processIdentifier, round % 3 == 0 ? SIGTERM : SIGKILL); killed += 1 }
            p.waitUntilExit()
            let now = snapshot("o")
            #expect(now == reference[0] || now == reference[1], "round \(round): a mixed or partial output directory")
        }
        #expect(killed > 0, "no run was interrupted; the test proved nothing")
        let last = try runCLI(["match"] + inputs[1] + ["--out", "o"], in: dir)
        #expect(last.status == 0 && snapshot("o") == reference[1])
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".o.") }
        #expect(left.isEmpty, "staging folders left: \(left)")
    }
}

/// The path of the `pendamping` binary the CLI tests run.
func cliBinary() throws -> String {
    let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pendamping")
    for path in [bin.path, packageRoot.appendingPathComponent(".build/debug/pendamping").path]
        where FileManager.default.isExecutableFile(atPath: path) { return path }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: bin.path])
}

/// Rounds, GAP files and `validate` on the inputs the hostile table does not cover by exit
/// code alone.
@Suite(.serialized) struct ReliabilityRoundTests {
    let m = ["--mentors", "fixtures/jakarta-barat/mentors.csv", "--mentees", "fixtures/jakarta-barat/mentees.csv"]

    /// A round without decisions reruns byte for byte; any edited stored file is refused by name.
    @Test func roundWithoutDecisionsRerunsAndTamperingIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runCLI(["match"] + m + ["--out", dir.path + "/r0"]).status == 0)
        #expect(try runCLI(["round"] + m + ["--previous", dir.path + "/r0/pairs.csv", "--out", dir.path + "/r1"]).status == 0)
        let again = try runCLI(["round", "--rerun", dir.path + "/r1"] + m + ["--out", dir.path + "/r2"])
        #expect(again.status == 0, "\(again.stderr)")
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path + "/r1") where f != "timings.json" {
            #expect(try Data(contentsOf: dir.appendingPathComponent("r1/" + f)) == Data(contentsOf: dir.appendingPathComponent("r2/" + f)), "\(f)")
        }
        for (file, edit) in [("decisions.csv", "UM-001,KA-01,reject\n"), ("previous-pairs.csv", "\n"), ("profile.json", " ")] {
            let copy = dir.appendingPathComponent("t-\(file)")
            try FileManager.default.copyItem(at: dir.appendingPathComponent("r1"), to: copy)
            let handle = try FileHandle(forWritingTo: copy.appendingPathComponent(file))
            handle.seekToEndOfFile(); handle.write(Data(edit.utf8)); handle.closeFile()
            let run = try runCLI(["round", "--rerun", copy.path] + m + ["--out", dir.path + "/r3"])
            #expect(run.status == 65 && run.stderr.contains(file) && run.stderr.contains("SHA-256 mismatch"), "\(file): \(run.stderr)")
        }
    }

    /// A previous pair whose mentee left the mentees file is reported as withdrawn, not lost.
    @Test func previousPairOfAGoneMenteeIsWithdrawn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "mentee_id,mentor_id\nUM-001,KA-01\nUM-999,KA-02\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let run = try runCLI(["round"] + m + ["--previous", dir.path + "/p.csv", "--out", dir.path + "/r"])
        #expect(run.status == 0, "\(run.stderr)")
        let diff = try String(contentsOf: dir.appendingPathComponent("r/diff.csv"), encoding: .utf8)
        #expect(diff.contains("UM-999,KA-02,,withdrawn,mentee no longer in the mentees file"), "\(diff)")
    }

    /// `validate` lists the issues of the mentors, mentees and profile files in one report.
    @Test func validateReportsEveryFileTogether() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try HostileTable.replacing(HostileTable.mentors, column: "capacity", with: "0").write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        try HostileTable.replacing(HostileTable.mentees, column: "lat", with: "200").write(to: dir.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        try "{\"k\": 0}".write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let run = try runCLI(["validate", "--mentors", "m.csv", "--mentees", "e.csv", "--profile", "p.json"], in: dir)
        #expect(run.status == 65)
        #expect(run.stdout.contains("m.csv:2: column 'capacity'") && run.stdout.contains("e.csv:2: column 'lat'") && run.stdout.contains("p.json: column 'k'"), "\(run.stdout)")
    }
}
