import ArgumentParser
import Pendamping
import PendampingSynthetic
import Tabular

// The library's enums as typed command-line options: the parser checks the value, lists the
// choices in `--help` and completions, and a command never looks a raw string up again.

extension SolverChoice: ExpressibleByArgument {}
extension MatchObjective: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension ShardPlan.Key: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    /// `utf-8` or `windows-1252`, in any case.
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// What `generate` and `bench` make: a tier of one province, or (generate only) the nation.
enum PresetChoice: ExpressibleByArgument, Equatable {
    case tier(ProvinceGenerator.Preset)
    case national

    /// `S`, `M`, `L`, `XL` or `ID`, in any case.
    init?(argument: String) {
        let name = argument.uppercased()
        if name == "ID" { self = .national; return }
        guard let tier = ProvinceGenerator.Preset(rawValue: name) else { return nil }
        self = .tier(tier)
    }

    static var allValueStrings: [String] { ProvinceGenerator.Preset.allCases.map(\.rawValue) + ["ID"] }
}

/// Whether a GAP file's objective is maximised or minimised.
enum GAPSenseChoice: String, ExpressibleByArgument, CaseIterable {
    case max, min
}
